/**
 * The benchmarks as code: the CS100K and CS-LFM cold-start protocols
 * ({@link ColdStartProtocol}, {@link ImplicitColdStartProtocol}) that cut a data set into a
 * {@link ProtocolSplit} of training data and {@link Scenario}s, validation folds of the
 * training users ({@link ValidationFolds}), metrics composed from a cutoff, a relevance model,
 * a gain and a discount ({@link Ndcg}, {@link Precision}, {@link Recall}, ...), the baselines
 * and adapters for the learned recommenders ({@link Methods}), the harness that runs and times
 * them ({@link Evaluator}) and its result values. Part of the API, for reproducing and
 * extending the benchmarks.
 */
package io.github.metarec4j.eval;
