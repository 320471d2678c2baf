/** Seeded, generated shift scenarios: the demo project and (later) the teaching lab. */
package org.shiftscope.scenarios;
