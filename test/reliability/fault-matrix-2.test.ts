import { faultMatrix } from './fault-matrix';

faultMatrix(['1 s token lifetime', 'latency spikes', 'all combined']);
