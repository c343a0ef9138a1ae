import { faultMatrix } from './fault-matrix';

faultMatrix(['429 storm', '20% 5xx', 'connection resets']);
