/**
 * Background tasks of a service instance ({@link org.capring.service.task.BackgroundTasks}): each runs on a period or
 * on a trigger, with a deadline per run and a budget of concurrent runs; a run past its deadline is cancelled (flag
 * and interrupt, {@link org.capring.ring.concurrent.CancelHandshake}) and counted; at stop every run is cancelled and
 * every thread joined before the instance reports STOPPED. All threads come from one
 * {@link org.capring.ring.concurrent.VirtualThreads} factory per instance. Waiting for the next period is a timed wait
 * on a condition that the stop signals, never a sleep.
 */
package org.capring.service.task;
