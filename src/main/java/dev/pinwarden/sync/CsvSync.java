package dev.pinwarden.sync;

import java.io.InputStream;

import org.springframework.stereotype.Service;

import dev.pinwarden.JobProgress;

/** A CSV file through the sync pipeline: for the API and the users page alike. */
@Service
public class CsvSync {

	static final String CSV = "csv";

	private final SyncPipeline pipeline;

	CsvSync(SyncPipeline pipeline) {
		this.pipeline = pipeline;
	}

	public SyncReport sync(InputStream body, boolean deactivateMissing) {
		return sync(body, deactivateMissing, JobProgress.NONE);
	}

	public SyncReport sync(InputStream body, boolean deactivateMissing, JobProgress progress) {
		return this.pipeline.run(CSV, new CsvUserSource(body), deactivateMissing, progress);
	}

}
