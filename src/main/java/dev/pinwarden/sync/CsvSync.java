package dev.pinwarden.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.stereotype.Service;

import dev.pinwarden.job.Job;
import dev.pinwarden.job.Jobs;
import dev.pinwarden.job.StagedInput;

/** A CSV file through the sync pipeline: for the API and the users page alike. */
@Service
public class CsvSync {

	static final String CSV = "csv";

	private final SyncPipeline pipeline;

	private final Jobs jobs;

	CsvSync(SyncPipeline pipeline, Jobs jobs) {
		this.pipeline = pipeline;
		this.jobs = jobs;
	}

	/**
	 * Reads the body as it arrives, so that a file of any size is never held in memory.
	 */
	public SyncReport sync(InputStream body, boolean deactivateMissing) {
		return this.pipeline.run(CSV, new CsvUserSource(body), deactivateMissing);
	}

	/**
	 * Receives the whole file, staged (sealed, see {@link StagedInput}), and syncs it as
	 * a job that deletes the file when it ends.
	 */
	public Job start(InputStream body, boolean deactivateMissing) throws IOException {
		return start(StagedInput.of(body), deactivateMissing);
	}

	/**
	 * Syncs a file already staged as a job that deletes the file when it ends: for a
	 * caller that receives more than the file (a form's other fields).
	 */
	public Job start(StagedInput staged, boolean deactivateMissing) {
		// lines less the header: about the records the file holds
		Long expected = Math.max(0, staged.lines() - 1);
		return this.jobs.start("csv-sync", staged, (progress) -> {
			try (InputStream in = staged.open()) {
				return this.pipeline.run(CSV, new CsvUserSource(in, expected), deactivateMissing, progress);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}
