/** The worker-thread entry piscina loads (from dist/: worker threads run compiled JavaScript). */
import { runTask } from './task.js';

export default runTask;
