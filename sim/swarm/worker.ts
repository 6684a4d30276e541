/** The worker-thread entry piscina loads for `shdsim swarm` (from dist/: worker threads run compiled JavaScript). */
import { runSwarmTask } from './task.js';

export default runSwarmTask;
