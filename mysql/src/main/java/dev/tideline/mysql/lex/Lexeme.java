package dev.tideline.mysql.lex;

import java.util.Locale;

/**
 * One token of MySQL text, located in its file (1-based line and column of its first and last character);
 * {@code start}/{@code end} are offsets into the lexed text, end exclusive.
 */
public record Lexeme(Kind kind, String text, int start, int end, int line, int column, int endLine, int endColumn) {
    public enum Kind {
        /** Unquoted identifier or keyword; also {@code @var} and {@code @@var}. */
        WORD,
        /** {@code `identifier`}, backticks included (also {@code "identifier"} under ANSI_QUOTES). */
        IDENT,
        /** {@code '…'} or {@code "…"}, quotes included (also with a {@code _charset} or N/X/B prefix). */
        STRING,
        NUMBER,
        /** A Flyway {@code ${name}} placeholder. */
        PLACEHOLDER,
        OPERATOR,
        /** One of {@code ( ) , . ;} (a {@code ;} is a terminator only while it is the delimiter). */
        PUNCT,
        /** {@code # …}, {@code -- …} or {@code /* … *}{@code /} (also a version comment not executed on the target). */
        COMMENT,
        /** An optimizer hint {@code /*+ … *}{@code /}. */
        HINT,
        /** The current statement delimiter ({@code ;} or what a DELIMITER command set). */
        TERMINATOR,
        /** A {@code DELIMITER x} client command line (file mode only). */
        DELIMITER_COMMAND,
        /** Text skipped after an unterminated quote or comment. */
        BROKEN
    }

    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isPunct(char c) {
        return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }

    public boolean isComment() {
        return kind == Kind.COMMENT || kind == Kind.HINT;
    }

    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
