package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's wrk over HTTP keep-alive, on the same two cores as the server. The settings
 * are the same for the measured workload and its baseline.
 */
final class Wrk {

	static final List<String> SETTINGS = List.of("-t2", "-c16");

	/** Rate, 99th percentile latency, and answers that were not 2xx/3xx. */
	record Result(double requestsPerSecond, double p99Millis, long errors, String output) {
	}

	private Wrk() {
	}

	/**
	 * A wrk script that cycles through the PINs of {@link CsvFile#pin} for {@code users}
	 * users, and through the terminals' tokens: each thread walks both from its own
	 * starting point, so that the requests in flight at once come from different terminals.
	 */
	static Path authScript(Path file, List<String> tokens, int users) throws IOException {
		return authScript(file, tokens, users, "pin");
	}

	/**
	 * The terminals' requests, cycling through the users: by {@code pin}, {@code card} or
	 * {@code card+pin} (the same formulas as {@link CsvFile#pin} and {@link CsvFile#card}).
	 */
	static Path authScript(Path file, List<String> tokens, int users, String credential) throws IOException {
		String list = String.join(",", tokens.stream().map((token) -> "\"" + token + "\"").toList());
		return Files.writeString(file, """
				wrk.method = "POST"
				local tokens = { %s }
				local headers = {}
				for k, token in ipairs(tokens) do
				  headers[k] = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
				end
				local users = %d
				local count = 0
				function setup(thread)
				  thread:set("first", count * 37813)
				  thread:set("firstToken", count * math.floor(#tokens / 2))
				  count = count + 1
				end
				function init(args)
				  i = first %% users
				  t = firstToken
				end
				function request()
				  i = (i + 1) %% users
				  t = (t + 1) %% #tokens
				  local pin = 1000000 + (i * 7919 + 12345) %% 9000000
				  local card = string.format("%%08X", (i * 2654435761) %% 4294967296)
				  local body
				  if credential == "card" then
				    body = '{"card":"' .. card .. '"}'
				  elseif credential == "card+pin" then
				    body = '{"card":"' .. card .. '","pin":"' .. pin .. '"}'
				  else
				    body = '{"pin":"' .. pin .. '"}'
				  end
				  return wrk.format(nil, "/api/v1/terminal/authenticate", headers[t + 1], body)
				end
				""".formatted(list, users).replace("local users =", "local credential = \"" + credential + "\"\nlocal users ="));
	}

	/** The terminals' requests, cycling through these PINs. */
	static Path pinListScript(Path file, List<String> tokens, List<String> pins) throws IOException {
		String tokenList = String.join(",", tokens.stream().map((token) -> "\"" + token + "\"").toList());
		String pinList = String.join(",", pins.stream().map((pin) -> "\"" + pin + "\"").toList());
		return Files.writeString(file, """
				wrk.method = "POST"
				local tokens = { %s }
				local pins = { %s }
				local headers = {}
				for k, token in ipairs(tokens) do
				  headers[k] = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
				end
				local count = 0
				function setup(thread)
				  thread:set("first", count * 997)
				  thread:set("firstToken", count * math.floor(#tokens / 2))
				  count = count + 1
				end
				function init(args)
				  i = first %% #pins
				  t = firstToken
				end
				function request()
				  i = (i + 1) %% #pins
				  t = (t + 1) %% #tokens
				  return wrk.format(nil, "/api/v1/terminal/authenticate", headers[t + 1], '{"pin":"' .. pins[i + 1] .. '"}')
				end
				""".formatted(tokenList, pinList));
	}

	/**
	 * The same requests, built by the same script, sent with GET to liveness instead of
	 * to the terminal API: wrk's work per request is the same for the baseline as for the
	 * terminals (a script that builds every request costs wrk more of the two cores than
	 * one request built once).
	 */
	static Path asLiveness(Path script) throws IOException {
		return asGet(script, "/actuator/health/liveness", "-liveness.lua");
	}

	/** The same requests sent with GET to the health endpoint (with its database check). */
	static Path asHealth(Path script) throws IOException {
		return asGet(script, "/actuator/health", "-health.lua");
	}

	private static Path asGet(Path script, String path, String suffix) throws IOException {
		String terminal = Files.readString(script);
		String get = terminal.replace("wrk.method = \"POST\"", "wrk.method = \"GET\"")
			.replace("\"/api/v1/terminal/authenticate\"", "\"" + path + "\"");
		if (get.contains("/api/v1/terminal/authenticate") || !get.contains("wrk.method = \"GET\"")) {
			throw new IllegalStateException("cannot turn " + script + " into a script for " + path);
		}
		String name = script.getFileName().toString().replace(".lua", suffix);
		return Files.writeString(script.resolveSibling(name), get);
	}

	/**
	 * A flood of HTTP Basic logins that all fail (made-up names, wrong PINs) over
	 * {@code connections} connections, as someone guessing logins sends them; started in
	 * the background for {@code seconds}.
	 */
	static Process loginFlood(String url, int connections, int seconds, Path file) throws IOException {
		Files.writeString(file, """
				local n = 0
				function request()
				  n = n + 1
				  local credentials = "guesser" .. n .. ":" .. (1000000 + n)
				  return wrk.format("GET", nil, { ["Authorization"] = "Basic " .. base64(credentials) }, nil)
				end
				local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
				function base64(data)
				  return ((data:gsub('.', function(x)
				    local r, b = '', x:byte()
				    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and '1' or '0') end
				    return r
				  end) .. '0000'):gsub('%d%d?%d?%d?%d?%d?', function(x)
				    if (#x < 6) then return '' end
				    local c = 0
				    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
				    return chars:sub(c + 1, c + 1)
				  end) .. ({ '', '==', '=' })[#data % 3 + 1])
				end
				""");
		return new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "-s", file.toString(), url)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	static Result run(String url, int seconds, Path script) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("wrk"));
		command.addAll(SETTINGS);
		command.addAll(List.of("-d" + seconds + "s", "--latency"));
		if (script != null) {
			command.addAll(List.of("-s", script.toString()));
		}
		command.add(url);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IOException("wrk failed: " + output);
		}
		return new Result(number(output, "Requests/sec:\\s+([\\d.]+)"), millis(output, "99%\\s+([\\d.]+)(us|ms|s)"),
				(long) numberOr(output, "Non-2xx or 3xx responses:\\s+(\\d+)", 0), output);
	}

	private static double number(String output, String regex) throws IOException {
		Matcher matcher = Pattern.compile(regex).matcher(output);
		if (!matcher.find()) {
			throw new IOException("no " + regex + " in wrk's output: " + output);
		}
		return Double.parseDouble(matcher.group(1));
	}

	private static double numberOr(String output, String regex, double fallback) {
		Matcher matcher = Pattern.compile(regex).matcher(output);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : fallback;
	}

	private static double millis(String output, String regex) throws IOException {
		Matcher matcher = Pattern.compile(regex).matcher(output);
		if (!matcher.find()) {
			throw new IOException("no 99th percentile in wrk's output: " + output);
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

}
