package dev.pinwarden.terminal;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.pinwarden.Audited;
import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.attempt.AttemptsExhaustedException;
import dev.pinwarden.attempt.Limit;
import dev.pinwarden.auth.Tokens;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.settings.SecuritySettings;
import dev.pinwarden.settings.SecuritySettingsService;
import dev.pinwarden.terminal.TerminalService.PinHolder;
import dev.pinwarden.terminal.TerminalService.TerminalAccess;

/**
 * Turns a terminal's token and a typed PIN into the user it belongs to, within the
 * terminal's budget of wrong PINs (default 5 per 15 minutes; the lock that follows lasts
 * the window, twice as long for each further one within a day, up to a day). A terminal
 * is one device, so its checks take turns on this node ({@link AttemptLimiter#turn}), and
 * a wrong PIN is counted in the database before it is answered: at most the budget is
 * answered "wrong" per window, however many requests come at once, on any number of
 * nodes. A right PIN costs the one query of {@link TerminalService#findAccess} and no
 * write. Every attempt is timed in {@code pinwarden.terminal.authentications}, tagged
 * with its outcome: {@code ok}, {@code failed} (wrong PIN), {@code throttled},
 * {@code invalid_token} or {@code error}.
 */
@Service
class TerminalAuthentication {

	static final String METRIC = "pinwarden.terminal.authentications";

	/** A terminal's wrong PINs are counted under this and its id. */
	static final String KEY_PREFIX = "terminal:";

	private final TerminalService terminals;

	private final PinService pins;

	private final Tokens tokens;

	private final AttemptLimiter limiter;

	private final SecuritySettingsService settings;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	// registered once, not looked up in the registry on every request; up front, so that
	// a dashboard shows zeros
	private final Map<String, Timer> timers;

	TerminalAuthentication(TerminalService terminals, PinService pins, Tokens tokens, AttemptLimiter limiter,
			SecuritySettingsService settings, ApplicationEventPublisher events, MeterRegistry meters) {
		this.terminals = terminals;
		this.pins = pins;
		this.tokens = tokens;
		this.limiter = limiter;
		this.settings = settings;
		this.events = events;
		this.meters = meters;
		this.timers = Stream.of("ok", "failed", "throttled", "invalid_token", "error")
			.collect(Collectors.toUnmodifiableMap(Function.identity(),
					(outcome) -> Timer.builder(METRIC)
						.description("PIN checks by printer terminals, by outcome")
						.tag("outcome", outcome)
						.publishPercentileHistogram()
						.register(meters)));
	}

	PinHolder authenticate(String token, String pin) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "error";
		try {
			if (!TerminalService.looksLikeToken(token)) {
				outcome = "invalid_token";
				throw TerminalAuthenticationException.invalidToken();
			}
			byte[] tokenHash = this.tokens.hash(token);
			try (AttemptLimiter.Turn turn = this.limiter
				.turn("terminal-token:" + HexFormat.of().formatHex(tokenHash))) {
				Optional<TerminalAccess> access = this.terminals.findAccess(tokenHash, this.pins.digestsToLookUp(pin));
				if (access.isEmpty()) {
					outcome = "invalid_token";
					throw TerminalAuthenticationException.invalidToken();
				}
				// a locked terminal is refused whether its PIN is right or not
				this.limiter.refuseWhileLocked(access.get().blockedUntil());
				Optional<PinHolder> user = access.get().holder();
				if (user.isPresent()) {
					outcome = "ok";
					return user.get();
				}
				long terminalId = access.get().terminalId();
				this.limiter.countFailure(limit(terminalId, this.settings.get()));
				outcome = "failed";
				this.events.publishEvent(Audited.of("terminal.auth.failed", "terminal " + terminalId, null));
				throw TerminalAuthenticationException.invalidPin();
			}
		}
		catch (AttemptsExhaustedException ex) {
			outcome = "throttled";
			throw ex;
		}
		finally {
			sample.stop(this.timers.get(outcome));
		}
	}

	static String limitKey(long terminalId) {
		return KEY_PREFIX + terminalId;
	}

	/** The budget of wrong PINs of one terminal. */
	static Limit limit(long terminalId, SecuritySettings settings) {
		Duration window = Duration.ofMinutes(settings.terminalFailureWindowMinutes());
		return new Limit(limitKey(terminalId), "terminal " + terminalId, settings.terminalFailureBudget(), window,
				window);
	}

}
