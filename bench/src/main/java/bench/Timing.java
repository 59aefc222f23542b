package bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

final class Timing {

	private Timing() {
	}

	/** Runs the action and returns its wall-clock time in seconds. */
	static double seconds(Callable<?> action) throws Exception {
		long start = System.nanoTime();
		action.call();
		return (System.nanoTime() - start) / 1e9;
	}

	static double median(double... values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
