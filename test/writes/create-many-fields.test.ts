import { createManySuite } from './lossless';

// Map Each Field Below; the email & password credential reads back through the lead list.
createManySuite('defineBelow', 'password', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
