package dev.pinwarden;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a module's {@code package-info}, a table that the module owns: only its
 * SQL writes the table, and other modules read it only if they are named in
 * {@link #readBy()}, which the owner thereby publishes as a read view on purpose. Every
 * table has one owner; {@code TableOwnershipTests} holds the SQL of every module to these
 * declarations.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
@Repeatable(OwnedTable.List.class)
public @interface OwnedTable {

	/** The table's name, as in the migrations. */
	String value();

	/**
	 * The modules (top-level package names, such as {@code "terminal"}) whose SQL may
	 * read the table, without writing it.
	 */
	String[] readBy() default {};

	/** Holds the tables of one module. */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.PACKAGE)
	@interface List {

		OwnedTable[] value();

	}

}
