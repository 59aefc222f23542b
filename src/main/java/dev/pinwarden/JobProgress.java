package dev.pinwarden;

/**
 * What mass work (a sync, a regeneration) tells while it runs, and where it stops when
 * asked to. It is part of the shared kernel so that the modules doing such work need not
 * know the {@code job} module that follows it; work run synchronously gets {@link #NONE}.
 */
public interface JobProgress {

	/** Progress nobody follows, for work run synchronously. */
	JobProgress NONE = new JobProgress() {

		@Override
		public void phase(String phase, Long total) {
		}

		@Override
		public void done(long done) {
		}

		@Override
		public void checkCancelled() {
		}

		@Override
		public void beforeCommit() {
		}

	};

	/**
	 * A new phase begins ("reading", "generating PINs"...), with how many items it has
	 * when that is known ({@code null} otherwise); its count starts at 0.
	 */
	void phase(String phase, Long total);

	/** How many items of the phase are done. */
	void done(long done);

	/**
	 * Throws an unchecked exception (the job module's {@code JobCancelledException}) when
	 * the job was asked to stop: called where stopping loses nothing (between batches),
	 * inside the work's transaction, so that the exception rolls everything back.
	 */
	void checkCancelled();

	/**
	 * The last check, called by the work in its own transaction right before it commits:
	 * throws as {@link #checkCancelled()} does, and from then on the job cannot be
	 * cancelled any more, since its work is being applied.
	 */
	void beforeCommit();

}
