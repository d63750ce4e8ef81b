/**
 * Users as learning tasks: {@code UserHistory} (a user's feedback in time order),
 * {@code TaskSplitter} (cuts it into a support set and a query set), {@code Task} and
 * {@code MetaBatchSampler} (an epoch's tasks in meta-batches, reproducible for a seed). Not
 * API: public only because other packages of the library use it, left out of the Javadoc, and
 * free to change or disappear in any release.
 */
package io.github.metarec4j.internal.task;
