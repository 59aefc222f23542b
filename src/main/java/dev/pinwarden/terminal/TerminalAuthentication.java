package dev.pinwarden.terminal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

import dev.pinwarden.terminal.TerminalService.PinHolder;
import dev.pinwarden.pin.PinService;

/**
 * Turns a terminal's token and a typed PIN into the user it belongs to, counting wrong
 * PINs against the terminal ({@link TerminalThrottle}). The path every print job takes:
 * one query (the terminal, its throttling and the PIN's user) and no transaction unless a
 * wrong PIN has to be counted. Every attempt is timed in
 * {@code pinwarden.terminal.authentications}, tagged with its outcome: {@code ok},
 * {@code failed} (wrong PIN), {@code throttled}, {@code invalid_token} or {@code error}.
 */
@Service
class TerminalAuthentication {

	static final String METRIC = "pinwarden.terminal.authentications";

	private final TerminalService terminals;

	private final PinService pins;

	private final TerminalThrottle throttle;

	private final MeterRegistry meters;

	// registered once, not looked up in the registry on every request; up front, so that
	// a dashboard shows zeros
	private final Map<String, Timer> timers;

	TerminalAuthentication(TerminalService terminals, PinService pins, TerminalThrottle throttle,
			MeterRegistry meters) {
		this.terminals = terminals;
		this.pins = pins;
		this.throttle = throttle;
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
			Optional<TerminalService.TerminalAccess> access = this.terminals.findAccess(token,
					this.pins.digestsToLookUp(pin));
			if (access.isEmpty()) {
				outcome = "invalid_token";
				throw TerminalAuthenticationException.invalidToken();
			}
			// a throttled terminal is refused whether its PIN is right or not
			Optional<Duration> blocked = access.get().blockedFor(Instant.now());
			if (blocked.isPresent()) {
				outcome = "throttled";
				throw new TerminalThrottle.TerminalThrottledException(blocked.get());
			}
			Optional<PinHolder> user = access.get().holder();
			if (user.isEmpty()) {
				outcome = "failed";
				this.throttle.recordFailure(access.get().terminalId());
				throw TerminalAuthenticationException.invalidPin();
			}
			outcome = "ok";
			return user.get();
		}
		finally {
			sample.stop(this.timers.get(outcome));
		}
	}

}
