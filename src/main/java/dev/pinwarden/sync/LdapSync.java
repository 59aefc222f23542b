package dev.pinwarden.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

import dev.pinwarden.ApplicationException;
import dev.pinwarden.JobProgress;
import dev.pinwarden.job.Job;
import dev.pinwarden.job.Jobs;
import dev.pinwarden.sync.LdapSources.ScheduleSeen;

/** Configures, tests and runs the LDAP sync, by hand or on its schedule. */
@Service
public class LdapSync {

	private static final Logger log = LoggerFactory.getLogger(LdapSync.class);

	static final String LDAP = "ldap";

	/** The kind of job an LDAP sync is, by hand or on its schedule. */
	static final String JOB_KIND = "ldap-sync";

	private final LdapSources sources;

	private final SyncPipeline pipeline;

	private final Clock clock;

	private final Jobs jobs;

	LdapSync(LdapSources sources, SyncPipeline pipeline, Clock clock, Jobs jobs) {
		this.jobs = jobs;
		this.sources = sources;
		this.pipeline = pipeline;
		this.clock = clock;
	}

	public Optional<LdapSource> find() {
		return this.sources.find();
	}

	public LdapSource configure(LdapSourceChange change) {
		return this.sources.save(change);
	}

	public SyncReport run() {
		return run(JobProgress.NONE);
	}

	/**
	 * Runs the sync as a job; one that cannot begin (no source configured) is refused at
	 * once rather than as a job that fails.
	 */
	public Job start() {
		get();
		return this.jobs.start(JOB_KIND, this::run);
	}

	SyncReport run(JobProgress progress) {
		LdapSource source = get();
		return this.pipeline.run(LDAP, new LdapUserSource(source, this.sources.bindPassword().orElse(null)),
				source.deactivateMissing(), progress);
	}

	/** Binds and reads one entry; returns how many it found (0 or 1). */
	public int test() {
		return new LdapUserSource(get(), this.sources.bindPassword().orElse(null)).test();
	}

	/**
	 * Starts the sync as a job when its schedule says so; every node looks, one node runs
	 * it. As a job, a scheduled run shows its progress and outcome on the jobs page and
	 * can be cancelled there, like one started by hand.
	 */
	@Scheduled(fixedDelayString = "${pinwarden.sync.schedule-check-interval:30s}",
			initialDelayString = "${pinwarden.sync.schedule-check-interval:30s}")
	void runWhenDue() {
		this.sources.findSchedule().ifPresent(this::startIfDue);
	}

	/**
	 * Starts the run due since what a node saw when it looked, if it is the node that
	 * claims it. The claim is made against the run the node saw last claimed: had it read
	 * the claim again now, it could be the one another node made meanwhile, and this node
	 * would start the same run a second time.
	 */
	void startIfDue(ScheduleSeen seen) {
		Optional<Instant> due = latestDue(CronExpression.parse(seen.schedule()), seen.since(), this.clock.instant());
		if (due.isEmpty() || !this.sources.claimScheduledRun(seen.lastClaimed(), due.get())) {
			return;
		}
		Job job = this.jobs.start(JOB_KIND, (progress) -> {
			try {
				return run(progress);
			}
			catch (ApplicationException ex) {
				// nobody waits for a scheduled run's answer: its problem goes to the log
				// too
				log.warn("Scheduled LDAP sync failed: {}", ex.getMessage());
				throw ex;
			}
		});
		log.info("Scheduled LDAP sync started as job {}", job.id());
	}

	/**
	 * The latest time the schedule named after {@code last}, up to {@code now}: after
	 * downtime, or a schedule changed, the sync runs once to catch up, not once for every
	 * time it missed.
	 */
	static Optional<Instant> latestDue(CronExpression schedule, Instant last, Instant now) {
		ZonedDateTime due = null;
		ZonedDateTime next = schedule.next(last.atZone(ZoneId.systemDefault()));
		for (int i = 0; next != null && !next.toInstant().isAfter(now) && i < 1_000_000; i++) {
			due = next;
			next = schedule.next(next);
		}
		return Optional.ofNullable(due).map(ZonedDateTime::toInstant);
	}

	private LdapSource get() {
		return find().orElseThrow(() -> new SyncSourceException("ldap_not_configured",
				"No LDAP source is configured; PUT /api/v1/sync/ldap first"));
	}

}
