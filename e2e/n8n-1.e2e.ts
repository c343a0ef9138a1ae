import { describeN8n } from './suite';

// n8n 1.123.x on Node 22.
describeN8n('1');
