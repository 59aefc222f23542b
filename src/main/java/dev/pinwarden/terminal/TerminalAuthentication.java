package dev.pinwarden.terminal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.pinwarden.Audited;
import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.attempt.AttemptsExhaustedException;
import dev.pinwarden.attempt.Limit;
import dev.pinwarden.auth.Tokens;
import dev.pinwarden.card.CardNumber;
import dev.pinwarden.card.Cards;
import dev.pinwarden.card.Cards.CardHolder;
import dev.pinwarden.pin.PinKeyRing;
import dev.pinwarden.settings.SecuritySettings;
import dev.pinwarden.settings.LoginMode;
import dev.pinwarden.settings.SecuritySettingsService;
import dev.pinwarden.settings.TerminalSettings;
import dev.pinwarden.settings.TerminalSettingsService;
import dev.pinwarden.terminal.TerminalService.PinHolder;
import dev.pinwarden.terminal.TerminalCardAccess.CardTap;
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

	/** A terminal's unknown cards are counted under its key and this. */
	static final String UNKNOWN_CARDS_SUFFIX = ":cards";

	private final TerminalService terminals;

	private final PinKeyRing pinKeys;

	private final Tokens tokens;

	private final AttemptLimiter limiter;

	private final SecuritySettingsService settings;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	// registered once, not looked up in the registry on every request; up front, so that
	// a dashboard shows zeros
	private final Map<String, Timer> timers;

	private final TerminalSettingsService terminalSettings;

	private final Cards cards;

	private final TerminalCardAccess cardAccess;

	TerminalAuthentication(TerminalService terminals, TerminalCardAccess cardAccess, PinKeyRing pinKeys, Tokens tokens,
			AttemptLimiter limiter, SecuritySettingsService settings, TerminalSettingsService terminalSettings,
			Cards cards, ApplicationEventPublisher events, MeterRegistry meters) {
		this.cardAccess = cardAccess;
		this.terminalSettings = terminalSettings;
		this.cards = cards;
		this.terminals = terminals;
		this.pinKeys = pinKeys;
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

	/**
	 * The user in front of the terminal, by a PIN, a card, or both, as the terminal's
	 * login mode takes them.
	 */
	Authenticated authenticate(String token, String pin, String card) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "error";
		try {
			if (!TerminalService.looksLikeToken(token)) {
				throw TerminalAuthenticationException.invalidToken();
			}
			byte[] tokenHash = this.tokens.hash(token);
			try (AttemptLimiter.Turn turn = this.limiter.turn(TerminalService.turnKey(tokenHash))) {
				Authenticated authenticated = (card == null) ? byPin(tokenHash, pin) : byCard(tokenHash, card, pin);
				outcome = "ok";
				return authenticated;
			}
		}
		catch (TerminalAuthenticationException ex) {
			outcome = TerminalAuthenticationException.INVALID_TOKEN.equals(ex.code()) ? "invalid_token" : "failed";
			throw ex;
		}
		catch (AttemptsExhaustedException ex) {
			outcome = "throttled";
			throw ex;
		}
		finally {
			sample.stop(this.timers.get(outcome));
		}
	}

	private Authenticated byPin(byte[] tokenHash, String pin) {
		TerminalAccess access = this.terminals.findAccess(tokenHash, this.pinKeys.digestsToLookUp(pin))
			.orElseThrow(TerminalAuthenticationException::invalidToken);
		LoginMode mode = access.loginMode();
		if (!mode.takes(false, pin != null)) {
			throw new LoginModeException(mode);
		}
		// a locked terminal is refused whether its PIN is right or not
		this.limiter.refuseWhileLocked(access.blockedUntil());
		Optional<PinHolder> user = access.holder();
		if (user.isPresent()) {
			return new Authenticated(user.get(), access.temporary() ? Credential.TEMPORARY_PIN : Credential.PIN);
		}
		throw wrongPin(access.terminalId());
	}

	/**
	 * A card: an unknown one counts against the terminal's budget of unknown cards, which
	 * stops a card emulator walking through numbers and then every card at the terminal;
	 * with a PIN, the PIN must be the card holder's, and a wrong one counts against the
	 * terminal and the card. The card's budget is shared by every terminal, so checks of
	 * one card with a PIN take turns on this node too, as the checks at one terminal do:
	 * each reads the card's lock after the one before it was counted.
	 */
	private Authenticated byCard(byte[] tokenHash, String card, String pin) {
		if (pin == null) {
			return check(tap(this.cardAccess.read(tokenHash, card), null), null, null);
		}
		List<byte[]> pinDigests = this.pinKeys.digestsToLookUp(pin);
		for (int tries = 1;; tries++) {
			TerminalCardAccess.Reading reading = this.cardAccess.read(tokenHash, card);
			try (AttemptLimiter.Turn cardTurn = this.limiter.turnWithin(cardTurnKey(reading.number()))) {
				CardTap tap = tap(reading, pinDigests);
				// the terminal's conversion changed since this node last saw it (the tap
				// noted the new one): the turn taken was another number's
				if (Objects.equals(tap.number(), reading.number()) || tries == 3) {
					return check(tap, pin, pinDigests);
				}
			}
		}
	}

	/** The key of the turns of the checks of one card number ({@code null}: none). */
	static String cardTurnKey(CardNumber number) {
		return "card:" + ((number != null) ? number.value() : "");
	}

	private CardTap tap(TerminalCardAccess.Reading reading, List<byte[]> pinDigests) {
		return this.cardAccess.find(reading, pinDigests).orElseThrow(TerminalAuthenticationException::invalidToken);
	}

	private Authenticated check(CardTap tap, String pin, List<byte[]> pinDigests) {
		LoginMode mode = tap.loginMode();
		if (!mode.takes(true, pin != null)) {
			throw new LoginModeException(mode);
		}
		// a locked terminal is refused whether its card is right or not
		this.limiter.refuseWhileLocked(tap.blockedUntil());
		CardNumber number = tap.numberOrThrow();
		this.limiter.refuseWhileLocked(tap.cardsBlockedUntil());
		long terminalId = tap.terminalId();
		CardHolder holder = tap.holder();
		if (holder == null) {
			TerminalSettings terminalSettings = this.terminalSettings.get();
			countUnknownCard(terminalId, terminalSettings);
			this.events.publishEvent(Audited.of("card.unknown", "terminal " + terminalId, "…" + number.hint()));
			throw TerminalAuthenticationException.unknownCard(terminalSettings.cardSelfRegistration());
		}
		PinHolder user = new PinHolder(holder.userId(), holder.username(), holder.fullName());
		if (pin == null) {
			this.cards.used(holder, number);
			return new Authenticated(user, Credential.CARD);
		}
		this.limiter.refuseWhileLocked(holder.blockedUntil());
		if (tap.pinMatches() || this.cardAccess.isTemporaryPin(holder, pinDigests)) {
			this.cards.used(holder, number);
			return new Authenticated(user, Credential.CARD_AND_PIN);
		}
		try {
			this.limiter.countFailure(cardLimit(holder.cardId(), this.settings.get()));
		}
		finally {
			// counted against the terminal too when the card's budget was spent meanwhile
			countWrongPin(terminalId);
		}
		throw TerminalAuthenticationException.invalidPin();
	}

	private TerminalAuthenticationException wrongPin(long terminalId) {
		countWrongPin(terminalId);
		return TerminalAuthenticationException.invalidPin();
	}

	/**
	 * An unknown card at this terminal (or one its self-registration found taken),
	 * counted against its budget of unknown cards.
	 */
	void countUnknownCard(long terminalId, TerminalSettings terminalSettings) {
		this.limiter.countFailure(unknownCardLimit(terminalId, this.settings.get(), terminalSettings));
	}

	/** A wrong PIN (or registration code) at this terminal, counted and audited. */
	void countWrongPin(long terminalId) {
		this.limiter.countFailure(limit(terminalId, this.settings.get()));
		this.events.publishEvent(Audited.of("terminal.auth.failed", "terminal " + terminalId, null));
	}

	static String limitKey(long terminalId) {
		return KEY_PREFIX + terminalId;
	}

	/**
	 * The budget of unknown cards of one terminal, in the window of its wrong PINs; an
	 * administrator's unlock of the terminal ends its lock too.
	 */
	static Limit unknownCardLimit(long terminalId, SecuritySettings settings, TerminalSettings terminalSettings) {
		Duration window = Duration.ofMinutes(settings.terminalFailureWindowMinutes());
		return new Limit(limitKey(terminalId) + UNKNOWN_CARDS_SUFFIX, "terminal " + terminalId + " (unknown cards)",
				terminalSettings.unknownCardBudget(), window, window);
	}

	/** The budget of wrong PINs typed with one card: a terminal's, for the card. */
	static Limit cardLimit(long cardId, SecuritySettings settings) {
		Duration window = Duration.ofMinutes(settings.terminalFailureWindowMinutes());
		return new Limit(Cards.limitKey(cardId), "card " + cardId, settings.terminalFailureBudget(), window, window);
	}

	/** How the user was recognised, as the terminal is told. */
	enum Credential {

		PIN("pin"), TEMPORARY_PIN("temporary-pin"), CARD("card"), CARD_AND_PIN("card+pin");

		private final String value;

		Credential(String value) {
			this.value = value;
		}

		@JsonValue
		String value() {
			return this.value;
		}

	}

	/** The user in front of the terminal, and the credential that showed it. */
	record Authenticated(PinHolder user, Credential credential) {
	}

	/** The budget of wrong PINs of one terminal. */
	static Limit limit(long terminalId, SecuritySettings settings) {
		Duration window = Duration.ofMinutes(settings.terminalFailureWindowMinutes());
		return new Limit(limitKey(terminalId), "terminal " + terminalId, settings.terminalFailureBudget(), window,
				window);
	}

}
