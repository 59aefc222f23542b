package dev.pinwarden.auth;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

import dev.pinwarden.pin.PinService;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * Turns a terminal's token and a typed PIN into the user it belongs to, counting wrong
 * PINs against the terminal ({@link TerminalThrottle}). Every attempt is timed in
 * {@code pinwarden.terminal.authentications}, tagged with its outcome: {@code ok},
 * {@code failed} (wrong PIN), {@code throttled}, {@code invalid_token} or {@code error}.
 */
@Service
class TerminalAuthentication {

	static final String METRIC = "pinwarden.terminal.authentications";

	private final TerminalService terminals;

	private final PinService pins;

	private final UserService users;

	private final TerminalThrottle throttle;

	private final MeterRegistry meters;

	TerminalAuthentication(TerminalService terminals, PinService pins, UserService users, TerminalThrottle throttle,
			MeterRegistry meters) {
		this.terminals = terminals;
		this.pins = pins;
		this.users = users;
		this.throttle = throttle;
		this.meters = meters;
		for (String outcome : new String[] { "ok", "failed", "throttled", "invalid_token", "error" }) {
			timer(outcome); // registered up front, so that a dashboard shows zeros
		}
	}

	User authenticate(String token, String pin) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "error";
		try {
			Optional<Terminal> terminal = this.terminals.findByToken(token);
			if (terminal.isEmpty()) {
				outcome = "invalid_token";
				throw TerminalAuthenticationException.invalidToken();
			}
			try {
				this.throttle.checkNotThrottled(terminal.get().id());
			}
			catch (TerminalThrottle.TerminalThrottledException ex) {
				outcome = "throttled";
				throw ex;
			}
			Optional<User> user = this.pins.findActiveHolder(pin).flatMap(this.users::find);
			if (user.isEmpty()) {
				outcome = "failed";
				this.throttle.recordFailure(terminal.get().id());
				throw TerminalAuthenticationException.invalidPin();
			}
			outcome = "ok";
			return user.get();
		}
		finally {
			sample.stop(timer(outcome));
		}
	}

	private Timer timer(String outcome) {
		return Timer.builder(METRIC)
			.description("PIN checks by printer terminals, by outcome")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meters);
	}

}
