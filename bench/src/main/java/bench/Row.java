package bench;

import java.util.Locale;

/** One line of the results table. {@code met} is null where there is nothing to meet. */
record Row(String workload, String measured, String baseline, String ratio, String target, Boolean met) {

	static Row failed(String workload, String target, Exception ex) {
		String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
		if (message.length() > 160) {
			message = message.substring(0, 160) + "…";
		}
		return new Row(workload, "FAILED: " + ex.getClass().getSimpleName() + ": " + message.replace("|", "/"), "",
				"", target, false);
	}

	String metText() {
		return (this.met == null) ? "—" : this.met ? "yes" : "**NO**";
	}

	static String seconds(double seconds) {
		return String.format(Locale.ROOT, "%.2f s", seconds);
	}

	static String times(double ratio) {
		return String.format(Locale.ROOT, "%.2f×", ratio);
	}

	static String rate(double perSecond, String unit) {
		return String.format(Locale.ROOT, "%,.0f %s/s", perSecond, unit);
	}

	static String millis(double millis) {
		return String.format(Locale.ROOT, "%.1f ms", millis);
	}

}
