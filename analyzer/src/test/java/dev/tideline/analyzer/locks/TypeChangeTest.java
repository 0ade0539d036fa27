package dev.tideline.analyzer.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.PgVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeChangeTest {
    @ParameterizedTest(name = "{0} -> {1}: rewrite={2}")
    @CsvSource(delimiter = '|', value = {
            "varchar(20)|varchar(50)|false",
            "character varying(20)|character varying|false",
            "varchar(20)|text|false",
            "text|varchar|false",
            "text|character varying(100)|true",
            "varchar(50)|varchar(20)|true",
            "integer|bigint|true",
            "int4|int8|true",
            "int|integer|false",
            "numeric(10,2)|numeric(12,2)|false",
            "numeric(10,2)|numeric|false",
            "decimal(10,2)|numeric(12,2)|false",
            "numeric(10,2)|numeric(10,3)|true",
            "numeric|numeric(10,2)|true",
            "timestamp(0)|timestamp(6)|false",
            "timestamp(0) without time zone|timestamp|false",
            "timestamp|timestamptz|true",
            "timestamp with time zone|timestamptz|false",
            "bit varying(8)|varbit(16)|false",
            "cidr|inet|false",
            "char(5)|char(10)|true",
            "text[]|varchar[]|false",
            "text[]|text|true",
            "uuid|text|true",
            // types as people write them: tabs, line breaks, runs of spaces and upper case are one normal form
            "TIMESTAMP\tWITH  TIME ZONE|timestamptz|false",
            "Character   Varying(20)|varchar(50)|false",
            " integer |BIGINT|true",
    })
    void rewriteRules(String from, String to, boolean rewrite) {
        assertEquals(rewrite, TypeChange.verdict(from, to, null, new PgVersion(16), false).rewrite());
    }

    @ParameterizedTest
    @CsvSource({"varchar(20),varchar(50)", "integer,bigint"})
    void usingAlwaysRewrites(String from, String to) {
        assertTrue(TypeChange.verdict(from, to, from + "::" + to, new PgVersion(16), false).rewrite());
    }

    @org.junit.jupiter.api.Test
    void unknownOldTypeAssumesRewriteAndSaysSo() {
        TypeChange.Verdict v = TypeChange.verdict(null, "text", null, new PgVersion(16), false);
        assertTrue(v.rewrite());
        assertTrue(v.note().contains("unknown"), v.note());
    }
}
