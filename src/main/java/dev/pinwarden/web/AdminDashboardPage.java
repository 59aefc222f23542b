package dev.pinwarden.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.pinwarden.audit.AuditLog;
import dev.pinwarden.card.CardTally;
import dev.pinwarden.job.Jobs;
import dev.pinwarden.mail.MailQueue;
import dev.pinwarden.pin.PinService;
import dev.pinwarden.keys.PinKeys;
import dev.pinwarden.login.LoginLimits;
import dev.pinwarden.settings.PinSettingsService;
import dev.pinwarden.settings.SecuritySettings;
import dev.pinwarden.settings.SecuritySettingsService;
import dev.pinwarden.terminal.Terminal;
import dev.pinwarden.terminal.TerminalService;
import dev.pinwarden.user.UserService;

/**
 * The administrator's overview: users and their PINs, how likely one random guess at a
 * terminal is to hit somebody and how many PINs a day of guessing finds, cards, the keys,
 * the mail queue and the mass work running now.
 */
@Controller
class AdminDashboardPage {

	/** Above this chance of a random guess hitting somebody, the dashboard warns. */
	static final double GUESS_WARNING = 0.10;

	private final UserService users;

	private final PinService pins;

	private final PinSettingsService settings;

	private final MailQueue mail;

	private final AuditLog audit;

	private final SecuritySettingsService securitySettings;

	private final TerminalService terminals;

	private final PinKeys keys;

	private final CardTally cards;

	private final Jobs jobs;

	private final Clock clock;

	AdminDashboardPage(UserService users, PinService pins, PinSettingsService settings, MailQueue mail, AuditLog audit,
			SecuritySettingsService securitySettings, TerminalService terminals, PinKeys keys, CardTally cards,
			Jobs jobs, Clock clock) {
		this.jobs = jobs;
		this.clock = clock;
		this.cards = cards;
		this.keys = keys;
		this.securitySettings = securitySettings;
		this.terminals = terminals;
		this.users = users;
		this.pins = pins;
		this.settings = settings;
		this.mail = mail;
		this.audit = audit;
	}

	@GetMapping("/admin")
	String dashboard(Model model) {
		int minimal = this.settings.get().minimalPinLength();
		SecuritySettings security = this.securitySettings.get();
		int terminalGuesses = TerminalService.mostWrongPinsPerDay(security);
		long terminals = this.terminals.list().stream().filter(Terminal::active).count();
		List<LengthRow> lengths = new ArrayList<>();
		long shorterThanMinimum = 0;
		for (Map.Entry<Integer, Long> entry : this.pins.activePinsByLength().entrySet()) {
			double chance = entry.getValue() / Math.pow(10, entry.getKey());
			lengths.add(new LengthRow(entry.getKey(), entry.getValue(), percent(chance), chance > GUESS_WARNING,
					expected(terminalGuesses * chance), expected(terminalGuesses * chance * terminals)));
			if (entry.getKey() < minimal) {
				shorterThanMinimum += entry.getValue();
			}
		}
		UserService.UserCounts counts = this.users.counts();
		model.addAttribute("counts", counts);
		model.addAttribute("withoutPin", counts.active() - counts.activeWithPin());
		model.addAttribute("shorterThanMinimum", shorterThanMinimum);
		model.addAttribute("minimalPinLength", minimal);
		model.addAttribute("lengths", lengths);
		model.addAttribute("terminalGuessesPerDay", terminalGuesses);
		model.addAttribute("accountGuessesPerDay", LoginLimits.mostWrongPinsPerDay(security));
		model.addAttribute("terminals", terminals);
		model.addAttribute("guessWarning", lengths.stream().anyMatch(LengthRow::warning));
		model.addAttribute("mail", this.mail.countsByStatus());
		model.addAttribute("smtpConfigured", this.mail.smtpConfigured());
		model.addAttribute("terminalFailures", this.audit.recentTerminalFailures());
		model.addAttribute("terminalAlert", this.audit.terminalFailureAlert());
		model.addAttribute("keys", this.keys.list());
		model.addAttribute("cards", this.cards.figures());
		model.addAttribute("jobs",
				this.jobs.unfinished()
					.stream()
					.map((job) -> AdminJobsPage.JobView.of(job, this.clock.instant()))
					.toList());
		model.addAttribute("unknownCardsToday", this.audit.countRecent("card.unknown", Duration.ofDays(1)));
		return "admin/dashboard";
	}

	/** An expected count: two significant digits, enough to compare. */
	private static String expected(double count) {
		return (count == 0) ? "0"
				: new BigDecimal(count).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
	}

	private static String percent(double chance) {
		return BigDecimal.valueOf(chance * 100).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
				+ " %";
	}

	/**
	 * PINs of one length in use by active users, the chance one random guess hits one,
	 * and the PINs a day of guessing finds at one terminal and at all of them.
	 */
	record LengthRow(int length, long pins, String guessChance, boolean warning, String foundPerDayByOne,
			String foundPerDayByAll) {
	}

}
