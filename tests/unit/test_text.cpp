// Names as people type and read them: matching ignores case and accents, public screens show "First L.".
#include "porchlight/core/text.hpp"
#include "test_support.hpp"

using namespace porchlight::test;

TEST_CASE("text: fold_for_search removes case and accents") {
  CHECK(fold_for_search("José") == "jose");
  CHECK(fold_for_search("GARCÍA") == "garcia");
  CHECK(fold_for_search("Ñuñez") == "nunez");
  CHECK(fold_for_search("Zoë") == "zoe");
  CHECK(fold_for_search("José García") == "jose garcia");
  CHECK(fold_for_search("Ångström") == "angstrom");
  CHECK(fold_for_search("François") == "francois");
  CHECK(fold_for_search("maria") == "maria");
  CHECK(fold_for_search("") == "");
}

TEST_CASE("text: fold_for_search treats composed and decomposed accents alike") {
  // Some keyboards and pasted text give "e" + combining acute instead of "é".
  CHECK(fold_for_search("Jose\xCC\x81") == "jose");
  CHECK(fold_for_search("Jose\xCC\x81") == fold_for_search("José"));
  CHECK(fold_for_search("N\xCC\x83u\xC3\xB1"
                        "ez") == "nunez");
}

TEST_CASE("text: German sharp s folds so that typing ss finds it") {
  CHECK(fold_for_search("Straße") == "strasse");
  CHECK(fold_for_search("STRASSE") == fold_for_search("Straße"));
  CHECK(fold_for_search("Weiß") == fold_for_search("WEISS"));
}

TEST_CASE("text: invalid UTF-8 is detected and folds to empty") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("José García"));
  CHECK(is_valid_utf8("日本語 🙂"));
  CHECK_FALSE(is_valid_utf8("\xff"));
  CHECK_FALSE(is_valid_utf8("Jos\xC3"));           // truncated sequence
  CHECK_FALSE(is_valid_utf8("\xC3\x28"));          // bad continuation byte
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong "/"
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  CHECK(fold_for_search("Jos\xC3") == "");
  CHECK(fold_for_search("\xff\xfe") == "");
}

TEST_CASE("text: tidy_spaces trims and collapses white space") {
  CHECK(tidy_spaces("  Maria   José  ") == "Maria José");
  CHECK(tidy_spaces("\tMaria\n") == "Maria");
  CHECK(tidy_spaces("Maria") == "Maria");
  CHECK(tidy_spaces("   ") == "");
  CHECK(tidy_spaces("") == "");
  // No-break space and ideographic space, as phones and IMEs type them.
  CHECK(tidy_spaces("\xC2\xA0Maria\xC2\xA0\xC2\xA0Garcia\xE3\x80\x80") == "Maria Garcia");
}

TEST_CASE("text: display_name shows first name and surname initial") {
  CHECK(display_name("Maria", "Garcia") == "Maria G.");
  CHECK(display_name("Ángel", "Éxito") == "Ángel É.");
  CHECK(display_name("José", "García") == "José G.");
  CHECK(display_name("Li", "Ünal") == "Li Ü.");
}

TEST_CASE("text: display_name capitalises a lower-case surname initial") {
  CHECK(display_name("Maria", "garcia") == "Maria G.");
  CHECK(display_name("Ángel", "éxito") == "Ángel É.");
  CHECK(display_name("Sam", "ñuñez") == "Sam Ñ.");
}

TEST_CASE("text: display_name accepts a surname that is only an initial") {
  CHECK(display_name("Maria", "G") == "Maria G.");
  CHECK(display_name("Maria", "g") == "Maria G.");
  CHECK(display_name("Maria", "G.") == "Maria G.");
}

TEST_CASE("text: display_name never shows more of the surname than its initial") {
  for (const char* surname : {"Garcia", "de la Cruz", "O'Brien", "Smith-Jones", "田中", "Éxito"}) {
    CAPTURE(surname);
    const auto shown = display_name("Maria", surname);
    CHECK(is_valid_utf8(shown));
    CHECK_FALSE(contains(shown, surname));
    CHECK(code_point_count(shown) <= code_point_count("Maria") + 3);
  }
}

TEST_CASE("text: display_name does not cut a multi-byte initial in half and survives invalid UTF-8") {
  CHECK(display_name("Yuki", "田中") == "Yuki 田.");
  const auto broken = display_name("Maria", "\xC3");
  CHECK(is_valid_utf8(broken));
  const auto broken_first = display_name("\xff\xfe", "Garcia");
  CHECK(is_valid_utf8(broken_first));
}

TEST_CASE("text: code_point_count counts characters, not bytes") {
  CHECK(code_point_count("") == 0);
  CHECK(code_point_count("Maria") == 5);
  CHECK(code_point_count("José") == 4);
  CHECK(code_point_count("日本") == 2);
  CHECK(code_point_count("🙂") == 1);
}
