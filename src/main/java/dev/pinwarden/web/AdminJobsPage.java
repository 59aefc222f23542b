package dev.pinwarden.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import dev.pinwarden.job.Job;
import dev.pinwarden.job.JobFinishedException;
import dev.pinwarden.job.Jobs;
import dev.pinwarden.pin.RegenerationResult;
import dev.pinwarden.sync.SyncReport;

/**
 * A job's page: a progress bar that follows it (its fragment polled by htmx every second
 * until the job ends), a Cancel button, and at the end its report. The pages that start
 * mass work (CSV import, "Sync now", the regeneration dialog) lead here.
 */
@Controller
@RequestMapping("/admin/jobs")
class AdminJobsPage {

	private final Jobs jobs;

	private final JsonMapper json;

	private final Clock clock;

	AdminJobsPage(Jobs jobs, JsonMapper json, Clock clock) {
		this.jobs = jobs;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("view", view(this.jobs.get(id)));
		return "admin/job";
	}

	@GetMapping("/{id}/progress")
	String progress(@PathVariable long id, Model model) {
		model.addAttribute("view", view(this.jobs.get(id)));
		return "admin/job :: progress";
	}

	@PostMapping("/{id}/cancel")
	String cancel(@PathVariable long id) {
		try {
			this.jobs.cancel(id);
		}
		catch (JobFinishedException ex) {
			// it ended meanwhile: its page says how
		}
		return "redirect:/admin/jobs/" + id;
	}

	private JobView view(Job job) {
		SyncReport sync = null;
		RegenerationResult regeneration = null;
		if (job.result() != null) {
			if (job.kind().equals("regeneration")) {
				regeneration = this.json.treeToValue(job.result(), RegenerationResult.class);
			}
			else {
				sync = this.json.treeToValue(job.result(), SyncReport.class);
			}
		}
		return JobView.of(job, this.clock.instant(), sync, regeneration);
	}

	private static String about(Duration left) {
		long seconds = left.toSeconds();
		if (seconds < 5) {
			return "a few seconds left";
		}
		if (seconds < 90) {
			return "about " + ((seconds + 4) / 5 * 5) + " seconds left";
		}
		return "about " + ((seconds + 30) / 60) + " minutes left";
	}

	/**
	 * A job as its page shows it.
	 *
	 * @param percent how far its phase is, when the phase's total is known
	 * @param sync the report of a sync that succeeded
	 * @param regeneration the result of a regeneration that succeeded
	 */
	record JobView(Job job, Integer percent, String timeLeft, SyncReport sync, RegenerationResult regeneration) {

		/** A job that has not ended, as the dashboard lists it. */
		static JobView of(Job job, Instant now) {
			return of(job, now, null, null);
		}

		static JobView of(Job job, Instant now, SyncReport sync, RegenerationResult regeneration) {
			Integer percent = (job.total() != null && job.total() > 0)
					? (int) Math.min(100, job.done() * 100 / job.total()) : null;
			String timeLeft = job.timeLeft(now).map(AdminJobsPage::about).orElse(null);
			return new JobView(job, percent, timeLeft, sync, regeneration);
		}

		public String title() {
			return switch (this.job.kind()) {
				case "csv-sync" -> "CSV import";
				case "ldap-sync" -> "Directory sync";
				case "regeneration" -> "New PINs for all active users";
				default -> this.job.kind();
			};
		}

		public String back() {
			return switch (this.job.kind()) {
				case "csv-sync" -> "/admin/users";
				case "ldap-sync" -> "/admin/users/ldap";
				default -> "/admin/settings/authentication";
			};
		}

		public String phase() {
			String phase = this.job.phase();
			if (phase == null) {
				return this.job.state().equals("queued") ? "Waiting to start" : "Starting";
			}
			return Character.toUpperCase(phase.charAt(0)) + phase.substring(1);
		}

	}

}
