package dev.pinwarden.user;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import dev.pinwarden.user.PinLetterDownloads.PinLetter;

/**
 * PIN letters as documents: a PDF with one A4 page a user, laid out to be folded in three
 * (the name on the first third shows in a window envelope, the PIN is on the inner
 * third), or a CSV of {@code username,fullName,pin}.
 */
public final class PinLetterDocuments {

	private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

	private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

	private static final float MARGIN = 60;

	private PinLetterDocuments() {
	}

	public static void pdf(List<PinLetter> letters, OutputStream out) throws IOException {
		// pages are kept in a temporary file, not in memory: a regeneration can leave
		// thousands of users without an address
		try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
			for (PinLetter letter : letters) {
				page(document, letter);
			}
			document.save(out);
		}
	}

	private static void page(PDDocument document, PinLetter letter) throws IOException {
		PDPage page = new PDPage(PDRectangle.A4);
		document.addPage(page);
		float height = PDRectangle.A4.getHeight();
		float width = PDRectangle.A4.getWidth();
		try (PDPageContentStream content = new PDPageContentStream(document, page)) {
			String name = (letter.fullName() != null) ? letter.fullName() : letter.username();
			text(content, BOLD, 11, MARGIN, height - 70, "Personal and confidential");
			text(content, REGULAR, 14, MARGIN, height - 150, name);
			text(content, REGULAR, 11, MARGIN, height - 170, "User name: " + letter.username());
			// fold marks at the thirds of the page
			content.setLineWidth(0.3f);
			for (float y : new float[] { height * 2 / 3, height / 3 }) {
				content.moveTo(0, y);
				content.lineTo(20, y);
				content.moveTo(width - 20, y);
				content.lineTo(width, y);
			}
			content.stroke();
			float inner = height * 2 / 3 - 60;
			text(content, BOLD, 16, MARGIN, inner, "Your printing PIN");
			text(content, BOLD, 40, MARGIN, inner - 60, spaced(letter.pin()));
			text(content, REGULAR, 11, MARGIN, inner - 100,
					"Type it at any printer terminal to release your print jobs.");
			text(content, REGULAR, 11, MARGIN, inner - 116,
					"Keep it to yourself, and destroy this letter once you know it by heart.");
			text(content, REGULAR, 11, MARGIN, inner - 132,
					"Your old PIN no longer works. You can generate a new PIN on your Pinwarden Home page.");
		}
	}

	private static void text(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
			throws IOException {
		content.beginText();
		content.setFont(font, size);
		content.newLineAtOffset(x, y);
		content.showText(printable(font, text));
		content.endText();
	}

	/** The PIN in groups of four digits, easier to read. */
	private static String spaced(String pin) {
		StringBuilder spaced = new StringBuilder();
		for (int i = 0; i < pin.length(); i++) {
			if (i > 0 && i % 4 == 0) {
				spaced.append(' ');
			}
			spaced.append(pin.charAt(i));
		}
		return spaced.toString();
	}

	/**
	 * The text as the standard font can show it: a character it has no glyph for (a name
	 * in another script) becomes '?', rather than the whole letter failing.
	 */
	private static String printable(PDType1Font font, String text) {
		StringBuilder printable = new StringBuilder(text.length());
		text.codePoints().forEach((codePoint) -> {
			String character = new String(Character.toChars(codePoint));
			try {
				font.encode(character);
				printable.append(character);
			}
			catch (IOException | IllegalArgumentException ex) {
				printable.append('?');
			}
		});
		return printable.toString();
	}

	public static void csv(List<PinLetter> letters, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		try (CSVPrinter printer = CSVFormat.RFC4180.builder()
			.setHeader("username", "fullName", "pin")
			.get()
			.print(writer)) {
			for (PinLetter letter : letters) {
				printer.printRecord(letter.username(), letter.fullName(), letter.pin());
			}
		}
	}

}
