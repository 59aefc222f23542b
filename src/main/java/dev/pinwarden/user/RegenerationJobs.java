package dev.pinwarden.user;

import org.springframework.stereotype.Service;

import dev.pinwarden.job.Job;
import dev.pinwarden.job.Jobs;
import dev.pinwarden.pin.PinRegeneration;
import dev.pinwarden.pin.RegenerationResult;

/**
 * Starts the mass regeneration as a job, for the API and the settings page alike: here,
 * since the PIN core that does the work knows nothing of jobs.
 */
@Service
public class RegenerationJobs {

	private final PinRegeneration regeneration;

	private final Jobs jobs;

	RegenerationJobs(PinRegeneration regeneration, Jobs jobs) {
		this.regeneration = regeneration;
		this.jobs = jobs;
	}

	public Job start(RegenerationResult.UsersWithoutEmail usersWithoutEmail) {
		return this.jobs.start("regeneration",
				(progress) -> this.regeneration.regenerateAll(usersWithoutEmail, progress));
	}

}
