package dev.tideline.analyzer.source;

/**
 * One lexical token of PostgreSQL migration text, located in the file (1-based line and column of its first and
 * last character). {@code start}/{@code end} are offsets into the lexed text (end exclusive).
 */
public record Token(Kind kind, String text, int start, int end, int line, int column, int endLine, int endColumn) {

    public enum Kind {
        /** Unquoted identifier or keyword, as written. */
        WORD,
        /** {@code "identifier"}, quotes included. */
        QUOTED_IDENT,
        /** {@code '…'}, {@code E'…'}, {@code U&'…'}, {@code B'…'}, {@code X'…'}, quotes and prefix included. */
        STRING,
        /** {@code $tag$…$tag$}, delimiters included. */
        DOLLAR_STRING,
        NUMBER,
        /** {@code $1}. */
        PARAM,
        /** Template placeholder read as an opaque identifier: {@code ${name}}, {@code {{ … }}}, psql {@code :var}. */
        PLACEHOLDER,
        /** Operator characters, e.g. {@code ::}, {@code =}, {@code ->>}. */
        OPERATOR,
        /** One of {@code ( ) [ ] , ; . :}. */
        PUNCT,
        LINE_COMMENT,
        BLOCK_COMMENT,
        /** A psql meta-command line such as {@code \set x 1} (file mode only). */
        META_COMMAND,
        /** The data lines of {@code COPY … FROM stdin}, up to and including the {@code \.} line (file mode only). */
        COPY_DATA,
        /** Text skipped after an unterminated quote or comment; a located Diagnostic explains it. */
        BROKEN
    }

    public boolean isComment() {
        return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
    }

    /** True for an unquoted word equal to {@code keyword}, ignoring case. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** A statement separator: {@code ;}, or psql's {@code \;} (which does not send the query, but the server splits at it). */
    public boolean isSemicolon() {
        return kind == Kind.PUNCT && (text.equals(";") || text.equals("\\;"));
    }

    public boolean isPunct(char c) {
        return kind == Kind.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }
}
