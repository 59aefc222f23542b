package dev.pinwarden.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.pinwarden.user.PinLetterDownloads;
import dev.pinwarden.user.PinLetterDownloads.PinLetter;
import dev.pinwarden.user.PinLetterDocuments;

/**
 * PIN letters from the settings page: a form's POST, not a link, since a browser may
 * fetch a link ahead of the click, and the letters are given out once.
 */
@Controller
class AdminPinLettersPage {

	private final PinLetterDownloads downloads;

	AdminPinLettersPage(PinLetterDownloads downloads) {
		this.downloads = downloads;
	}

	@PostMapping("/admin/pin-letters/{id}")
	void download(@PathVariable long id, @RequestParam(defaultValue = "pdf") String format,
			HttpServletResponse response) throws IOException {
		boolean csv = format.equals("csv");
		List<PinLetter> letters = this.downloads.take(id, csv ? "CSV" : "PDF");
		response.setContentType(csv ? "text/csv" : "application/pdf");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename("pin-letters-" + id + (csv ? ".csv" : ".pdf"))
					.build()
					.toString());
		if (csv) {
			PinLetterDocuments.csv(letters, response.getOutputStream());
		}
		else {
			PinLetterDocuments.pdf(letters, response.getOutputStream());
		}
	}

}
