package dev.pinwarden.terminal;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.pinwarden.attempt.AttemptLimiter;
import dev.pinwarden.auth.Tokens;
import dev.pinwarden.card.CardNumber;
import dev.pinwarden.card.CardRegistrationCodes;
import dev.pinwarden.card.CardTakenException;
import dev.pinwarden.card.Cards;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.settings.CardSelfRegistration;
import dev.pinwarden.settings.TerminalSettingsService;
import dev.pinwarden.terminal.TerminalService.PinHolder;
import dev.pinwarden.terminal.TerminalCardAccess.CardTap;
import dev.pinwarden.user.User;
import dev.pinwarden.user.UserService;

/**
 * Self-registration of an unknown card at a terminal: the user shows who they are with
 * their PIN or a one-time code from their Home page, as the setting
 * {@code cardSelfRegistration} says, and the card is theirs from then on. A wrong PIN or
 * code counts against the terminal's budget of wrong PINs, as at login, and a terminal
 * locked for wrong PINs or for unknown cards registers nothing.
 */
@Service
class TerminalCardRegistration {

	private final TerminalService terminals;

	private final TerminalCardAccess cardAccess;

	private final Tokens tokens;

	private final AttemptLimiter limiter;

	private final TerminalSettingsService terminalSettings;

	private final TerminalAuthentication authentication;

	private final PinService pins;

	private final CardRegistrationCodes codes;

	private final Cards cards;

	private final UserService users;

	private final TransactionTemplate transactions;

	TerminalCardRegistration(TerminalService terminals, TerminalCardAccess cardAccess, Tokens tokens,
			AttemptLimiter limiter, TerminalSettingsService terminalSettings, TerminalAuthentication authentication,
			PinService pins, CardRegistrationCodes codes, Cards cards, UserService users,
			TransactionTemplate transactions) {
		this.terminals = terminals;
		this.cardAccess = cardAccess;
		this.tokens = tokens;
		this.limiter = limiter;
		this.terminalSettings = terminalSettings;
		this.authentication = authentication;
		this.pins = pins;
		this.codes = codes;
		this.cards = cards;
		this.users = users;
		this.transactions = transactions;
	}

	/**
	 * The user who registered the card. The code is used up only if the card is
	 * registered; whether a card is taken is told only to someone who showed a right PIN
	 * or code, and counts against the terminal's budget of unknown cards, so that
	 * registration cannot be used to probe card numbers.
	 */
	PinHolder register(String token, String card, String pin, String code) {
		if (!TerminalService.looksLikeToken(token)) {
			throw TerminalAuthenticationException.invalidToken();
		}
		byte[] tokenHash = this.tokens.hash(token);
		try (AttemptLimiter.Turn turn = this.limiter.turn(TerminalService.turnKey(tokenHash))) {
			CardTap access = this.cardAccess.find(tokenHash, card, null)
				.orElseThrow(TerminalAuthenticationException::invalidToken);
			CardSelfRegistration mode = this.terminalSettings.get().cardSelfRegistration();
			if (mode == CardSelfRegistration.OFF) {
				throw new SelfRegistrationOffException();
			}
			boolean takes = card != null && switch (mode) {
				case PIN -> pin != null && code == null;
				case CODE -> code != null && pin == null;
				case OFF -> false;
			};
			if (!takes) {
				throw new SelfRegistrationBodyException(mode);
			}
			this.limiter.refuseWhileLocked(access.blockedUntil());
			this.limiter.refuseWhileLocked(access.cardsBlockedUntil());
			CardNumber number = access.numberOrThrow();
			String terminalName = this.terminals.get(access.terminalId()).name();
			Optional<User> registered;
			try {
				registered = this.transactions.execute((status) -> {
					Optional<User> user = ((mode == CardSelfRegistration.PIN) ? this.pins.findActiveHolder(pin)
							: this.codes.redeem(code))
						.map(this.users::get)
						.filter(User::active);
					user.ifPresent((holder) -> this.cards.register(holder.id(), number, terminalName));
					return user;
				});
			}
			catch (CardTakenException ex) {
				// a user with a right PIN or code could otherwise walk card numbers here
				// to
				// find those that are somebody's: a taken card counts as an unknown one
				this.authentication.countUnknownCard(access.terminalId(), this.terminalSettings.get());
				throw ex;
			}
			if (registered.isEmpty()) {
				this.authentication.countWrongPin(access.terminalId());
				throw (mode == CardSelfRegistration.PIN) ? TerminalAuthenticationException.invalidPin()
						: TerminalAuthenticationException.invalidCode();
			}
			User user = registered.get();
			return new PinHolder(user.id(), user.username(), user.fullName());
		}
	}

}
