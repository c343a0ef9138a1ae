import { describeN8n } from './suite';

// n8n 2.41.x on Node 24 (the default of `npm start`).
describeN8n('2');
