/**
 * How the command line's process tiers its code up. A run is short, and most functions are warm only for a moment; with
 * V8's default budget they are sent to TurboFan's background threads all the same, which on a machine of two cores then
 * compete with the checks and the template thread: a cold lint of a large definition spent more CPU compiling in the
 * background than checking in the main thread. Eight times the default budget keeps optimization for what stays hot
 * (measured on two cores for a 3 MB definition: a fifth to a third less CPU, a tenth to a fifth less time; for a 15 MB
 * one, no change beyond the noise).
 */
export const CLI_V8_FLAGS = '--interrupt-budget=540672';
