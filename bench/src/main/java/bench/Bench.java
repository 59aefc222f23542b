package bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the workloads named on the command line (all of them when none is), each
 * against its baseline, and prints one table, also written to bench/results.md (a full
 * run) or bench/target/results.md (a partial one, so that profiling runs do not
 * overwrite the published figures).
 */
public final class Bench {

	private static final long STARTED = System.nanoTime();

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		Config config = Config.fromEnvironment();
		List<Row> rows = new ArrayList<>();
		boolean full;
		Sandbox run;
		try (Sandbox sandbox = new Sandbox(config.repo().resolve("bench/target"))) {
			run = sandbox;
			Workloads workloads = new Workloads(sandbox, config);
			Map<String, Workloads.Workload> all = workloads.all();
			List<String> names = (args.length == 0) ? List.copyOf(all.keySet()) : List.of(args);
			for (String name : names) {
				if (!all.containsKey(name)) {
					System.err.println("unknown workload '" + name + "'; known: " + String.join(" ", all.keySet()));
					System.exit(2);
				}
			}
			full = names.containsAll(all.keySet());
			say("temp dir %s%s", sandbox.dir, config.jfr() ? ", JFR recordings to bench/target/jfr" : "");
			for (String name : names) {
				Workloads.Workload workload = all.get(name);
				say("%s: %s", name, workload.title());
				long start = System.nanoTime();
				try {
					rows.addAll(workload.run().call());
				}
				catch (Exception ex) {
					System.err.println(name + " failed:");
					ex.printStackTrace();
					rows.add(Row.failed(workload.title(), workload.target(), ex));
				}
				say("%s done in %.0f s", name, (System.nanoTime() - start) / 1e9);
			}
		}
		if (run.interrupted) {
			System.err.println("interrupted: no results written");
			return;
		}
		Path output = config.repo().resolve(full ? "bench/results.md" : "bench/target/results.md");
		String report = Report.write(output, rows, config);
		System.out.println();
		System.out.println(report);
		System.out.println("written to " + config.repo().relativize(output));
		// a failed or missed target is reported in the table, not in the exit code
		System.exit(rows.stream().anyMatch((row) -> row.measured().startsWith("FAILED")) ? 1 : 0);
	}

	static void say(String format, Object... args) {
		long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
		System.out.printf(Locale.ROOT, "[%02d:%02d] %s%n", seconds / 60, seconds % 60,
				String.format(Locale.ROOT, format, args));
	}

}
