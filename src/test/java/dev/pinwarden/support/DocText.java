package dev.pinwarden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's and the guides' text as the tests that run their commands read it: a
 * section by its heading, and the code blocks in it (an indented block, as in a list,
 * without its indentation).
 */
public final class DocText {

	private DocText() {
	}

	public static String read(String file) {
		try {
			return Files.readString(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * From the heading (such as {@code "### PostgreSQL"}) to the next of its level or
	 * above; a {@code #} inside a code block is a comment, not a heading.
	 */
	public static String section(String text, String heading) {
		int level = heading.indexOf(' ');
		StringBuilder section = new StringBuilder();
		boolean in = false;
		boolean code = false;
		for (String line : text.split("\n", -1)) {
			if (line.strip().startsWith("```")) {
				code = !code;
			}
			else if (!code && line.matches("#{1," + level + "} .*")) {
				if (in) {
					break;
				}
				in = line.equals(heading);
			}
			if (in) {
				section.append(line).append('\n');
			}
		}
		assertThat(section).as("the section %s", heading).isNotEmpty();
		return section.toString();
	}

	public static List<String> shBlocks(String text) {
		return blocks(text, "sh");
	}

	/** The code blocks of this language, such as {@code yaml}. */
	public static List<String> blocks(String text, String language) {
		List<String> blocks = new ArrayList<>();
		Matcher block = Pattern.compile("(?m)^( *)```" + language + "\n(.*?)^ *```", Pattern.DOTALL).matcher(text);
		while (block.find()) {
			String indent = block.group(1);
			StringBuilder lines = new StringBuilder();
			for (String line : block.group(2).split("\n")) {
				lines.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
			}
			blocks.add(lines.toString());
		}
		return blocks;
	}

}
