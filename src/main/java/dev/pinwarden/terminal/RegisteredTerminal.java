package dev.pinwarden.terminal;

/** A terminal just registered, with its token: shown this once, never stored in clear. */
public record RegisteredTerminal(long id, String name, String token) {

	@Override
	public String toString() {
		return "RegisteredTerminal[id=" + this.id + ", name=" + this.name + ", token=<hidden>]";
	}

}
