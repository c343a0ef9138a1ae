import { createManySuite } from './lossless';

// Map Automatically; the API-key credential reads back through the bulk list.
createManySuite('autoMap', 'apiKey', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
