/** Core records shared by every module: datasets, columns, splits, provenance, progress and cancellation. */
package org.shiftscope.core;
