package dev.pinwarden.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code pinwarden.jobs.progress}, by kind: how far the phase of the job of that kind
 * running on this node is, 0 to 1 (0 when its total is not known, or none runs).
 */
final class ProgressGauges {

	private final MeterRegistry meters;

	private final Map<String, Double> byKind = new ConcurrentHashMap<>();

	/** Which job the figure of each kind is of. */
	private final Map<String, Long> owner = new ConcurrentHashMap<>();

	ProgressGauges(MeterRegistry meters) {
		this.meters = meters;
	}

	void set(String kind, long job, long done, Long total) {
		if (this.byKind.putIfAbsent(kind, 0.0) == null) {
			Gauge.builder("pinwarden.jobs.progress", this.byKind, (all) -> all.getOrDefault(kind, 0.0))
				.description("How far the phase of the job of this kind running on this node is, 0 to 1")
				.tag("kind", kind)
				.register(this.meters);
		}
		this.owner.put(kind, job);
		this.byKind.put(kind, (total != null && total > 0) ? Math.min(1.0, (double) done / total) : 0.0);
	}

	/**
	 * Back to 0 when this job ends, if the figure is its own: another of its kind may be
	 * running (this one refused by it).
	 */
	void ended(String kind, long job) {
		if (this.owner.remove(kind, job)) {
			this.byKind.put(kind, 0.0);
		}
	}

}
