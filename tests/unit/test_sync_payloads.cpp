// The typed sync contract: every kind of record a kiosk sends is written by sync/mutations.hpp as exactly the
// JSON the kiosk wrote before the payloads were typed (old kiosks and queued outbox rows stay readable), and
// read back to the same value.
#include <nlohmann/json.hpp>

#include "porchlight/sync/mutations.hpp"
#include "porchlight/sync/protocol.hpp"
#include "test_support.hpp"

using namespace porchlight::test;
namespace wire = porchlight::sync;
using nlohmann::json;

namespace {

// `payload` must write `expected` (the JSON as the hand-built code wrote it) and read back equal to itself.
template <class Payload, class Parse>
void check_round_trip(const Payload& payload, const char* expected, Parse parse) {
  const json written = wire::to_json(payload);
  CHECK(written == json::parse(expected));
  const auto read = parse(json::parse(written.dump()));
  REQUIRE(read);
  CHECK(*read == payload);
}

}  // namespace

TEST_CASE("sync payloads: every kind has its wire names, and the names find the kind") {
  for (const auto& name : wire::kMutationNames) {
    CHECK(&wire::name_of(name.kind) == &name);
    CHECK(wire::mutation_kind(name.entity, name.operation) == name.kind);
  }
  CHECK(wire::mutation_kind("visit", "teleported") == std::nullopt);
  CHECK(wire::name_of(wire::MutationKind::ParticipantPurged).operation == "purge");
  CHECK(wire::name_of(wire::MutationKind::CalendarSessionMoved).operation == "move");
}

TEST_CASE("sync payloads: a participant, shared and not") {
  wire::ParticipantCreated private_person{"p1", true, false, false, "c1", "d1", "2026-11-24T14:05:00Z", std::nullopt};
  check_round_trip(private_person,
                   R"({"id":"p1","consent_record":true,"consent_contact":false,"consent_share":false,
                       "center_id":"c1","device_id":"d1","created_at":"2026-11-24T14:05:00Z"})",
                   wire::parse_participant_created);
  wire::ParticipantCreated shared = private_person;
  shared.consent_share = true;
  shared.details = wire::SharedParticipantDetails{"María", "G", std::nullopt, std::nullopt, "1980-02-03", "es"};
  check_round_trip(shared,
                   R"({"id":"p1","consent_record":true,"consent_contact":false,"consent_share":true,
                       "center_id":"c1","device_id":"d1","created_at":"2026-11-24T14:05:00Z",
                       "first_name":"María","last_name":"G","phone":null,"email":null,
                       "birth_date":"1980-02-03","language":"es"})",
                   wire::parse_participant_created);
  shared.consent_contact = true;
  shared.details->phone = "555-0100";
  shared.details->email = "m@example.org";
  shared.details->birth_date.reset();
  check_round_trip(shared,
                   R"({"id":"p1","consent_record":true,"consent_contact":true,"consent_share":true,
                       "center_id":"c1","device_id":"d1","created_at":"2026-11-24T14:05:00Z",
                       "first_name":"María","last_name":"G","phone":"555-0100","email":"m@example.org",
                       "birth_date":null,"language":"es"})",
                   wire::parse_participant_created);
  // A row a retention purge stripped on the kiosk still reads, without details.
  const auto stripped = wire::parse_participant_created(json::parse(
      R"({"id":"p1","consent_record":true,"consent_contact":true,"consent_share":true,"center_id":"c1",
          "device_id":"d1","created_at":"2026-11-24T14:05:00Z","language":"es"})"));
  REQUIRE(stripped);
  CHECK_FALSE(stripped->details.has_value());
}

TEST_CASE("sync payloads: a merge and a purge") {
  check_round_trip(wire::ParticipantMerged{"dup", "keep", "2026-11-24T14:05:00Z"},
                   R"({"id":"dup","merged_into":"keep","at":"2026-11-24T14:05:00Z"})", wire::parse_participant_merged);
  check_round_trip(wire::ParticipantPurged{"p1", "2026-11-24T14:05:00Z", "c1", "d1"},
                   R"({"id":"p1","purged_at":"2026-11-24T14:05:00Z","center_id":"c1","device_id":"d1"})",
                   wire::parse_participant_purged);
  CHECK(wire::parse_participant_merged(json{{"id", "dup"}}).error().message == "the merge has no merged_into id");
}

TEST_CASE("sync payloads: a sign-in, a guest's and a person's, and a sign-out") {
  wire::VisitSignedIn guest{"v1",           std::nullopt, true, "2026-11-24T14:05:00Z", "2026-11-24", {"meal"}, {},
                            std::nullopt,   std::nullopt, "c1", "d1"};
  check_round_trip(guest,
                   R"({"id":"v1","participant_id":null,"guest":true,"signed_in_at":"2026-11-24T14:05:00Z",
                       "local_date":"2026-11-24","reasons":["meal"],"sensitive_reasons":[],"mood":null,
                       "signed_in_by":null,"center_id":"c1","device_id":"d1"})",
                   wire::parse_visit_signed_in);
  wire::VisitSignedIn person{"v2", "p1", false, "2026-11-24T14:05:00Z", "2026-11-24", {"meal", "recovery"},
                             {"recovery"}, 4, "s1", "c1", "d1"};
  check_round_trip(person,
                   R"({"id":"v2","participant_id":"p1","guest":false,"signed_in_at":"2026-11-24T14:05:00Z",
                       "local_date":"2026-11-24","reasons":["meal","recovery"],"sensitive_reasons":["recovery"],
                       "mood":4,"signed_in_by":"s1","center_id":"c1","device_id":"d1"})",
                   wire::parse_visit_signed_in);
  check_round_trip(wire::VisitSignedOut{"v1", "2026-11-24T16:00:00Z"},
                   R"({"id":"v1","signed_out_at":"2026-11-24T16:00:00Z"})", wire::parse_visit_signed_out);

  // What older kiosks sent (no local_date, no sensitive_reasons) still reads.
  const auto old = wire::parse_visit_signed_in(json{{"id", "v3"}, {"signed_in_at", "2026-11-24T14:05:00Z"}});
  REQUIRE(old);
  CHECK_FALSE(old->local_date.has_value());
  CHECK(old->sensitive_reasons.empty());
  CHECK(wire::parse_visit_signed_in(json{{"id", "v3"}}).error().message == "the visit has no valid signed_in_at");
  CHECK(wire::parse_visit_signed_in(json{{"signed_in_at", "2026-11-24T14:05:00Z"}, {"participant_id", 3}})
            .error()
            .message == "the visit's participant_id must be a string or null");
  CHECK(wire::parse_visit_signed_in(json{{"signed_in_at", "2026-11-24T14:05:00Z"}, {"local_date", "24/11/2026"}})
            .error()
            .message == "the visit's local_date must be YYYY-MM-DD");
  CHECK(wire::parse_visit_signed_out(json::object()).error().message == "the sign-out has no valid signed_out_at");
}

TEST_CASE("sync payloads: a referral, with and without a note") {
  wire::ReferralRecord referral;
  referral = {"r1",    "p1", false, "svc1", "Food bank", "food", true, std::nullopt, "made", "2026-12-01",
              "2026-11-24T14:05:00Z", "c1", "d1", std::nullopt};
  check_round_trip(referral,
                   R"({"id":"r1","participant_id":"p1","anonymous":false,"service_id":"svc1",
                       "service_name":"Food bank","category":"food","self_referral":true,"made_by":null,
                       "status":"made","follow_up_due":"2026-12-01","at":"2026-11-24T14:05:00Z",
                       "center_id":"c1","device_id":"d1"})",
                   wire::parse_referral);
  referral.made_by = "s1";
  referral.follow_up_due.reset();
  referral.note = "call back Tuesday";
  referral.status = "connected";
  check_round_trip(referral,
                   R"({"id":"r1","participant_id":"p1","anonymous":false,"service_id":"svc1",
                       "service_name":"Food bank","category":"food","self_referral":true,"made_by":"s1",
                       "status":"connected","follow_up_due":null,"at":"2026-11-24T14:05:00Z",
                       "center_id":"c1","device_id":"d1","note":"call back Tuesday"})",
                   wire::parse_referral);
}

TEST_CASE("sync payloads: a group, a session change and an attendance") {
  wire::CalendarGroupRecord group{"g1", "uid-1", "Art", "Paint", "Ana", "Room 2", "arts", "en", 12, false,
                                  "America/Chicago", "", "2026-11-24T10:00", 90, false, "FREQ=WEEKLY;BYDAY=TU",
                                  {"2026-12-26T10:00"}, {"2026-12-22T10:00"}, 15, 30, false, "c1", "d1"};
  check_round_trip(group,
                   R"({"id":"g1","uid":"uid-1","title":"Art","description":"Paint","facilitator":"Ana",
                       "room":"Room 2","category":"arts","language":"en","capacity":12,"sensitive":false,
                       "time_zone":"America/Chicago","rule_time_zone":"","start":"2026-11-24T10:00",
                       "duration_minutes":90,"all_day":false,"rrule":"FREQ=WEEKLY;BYDAY=TU",
                       "rdates":["2026-12-26T10:00"],"exdates":["2026-12-22T10:00"],
                       "check_in_before_minutes":15,"check_in_after_minutes":30,"cancelled":false,
                       "center_id":"c1","device_id":"d1"})",
                   wire::parse_calendar_group);
  group.capacity.reset();
  group.rdates.clear();
  group.exdates.clear();
  group.cancelled = true;
  check_round_trip(group,
                   R"({"id":"g1","uid":"uid-1","title":"Art","description":"Paint","facilitator":"Ana",
                       "room":"Room 2","category":"arts","language":"en","capacity":null,"sensitive":false,
                       "time_zone":"America/Chicago","rule_time_zone":"","start":"2026-11-24T10:00",
                       "duration_minutes":90,"all_day":false,"rrule":"FREQ=WEEKLY;BYDAY=TU",
                       "rdates":[],"exdates":[],"check_in_before_minutes":15,"check_in_after_minutes":30,
                       "cancelled":true,"center_id":"c1","device_id":"d1"})",
                   wire::parse_calendar_group);

  check_round_trip(wire::CalendarSessionChange{"g1", "uid-1", "2026-11-24T10:00", true, std::nullopt, std::nullopt,
                                               std::nullopt, "c1", "d1"},
                   R"({"group_id":"g1","group_uid":"uid-1","occurrence":"2026-11-24T10:00","cancelled":true,
                       "start":null,"duration_minutes":null,"room":null,"center_id":"c1","device_id":"d1"})",
                   wire::parse_calendar_session_change);
  check_round_trip(wire::CalendarSessionChange{"g1", "uid-1", "2026-11-24T10:00", false, "2026-11-25T11:00", 60,
                                               "Room 3", "c1", "d1"},
                   R"({"group_id":"g1","group_uid":"uid-1","occurrence":"2026-11-24T10:00","cancelled":false,
                       "start":"2026-11-25T11:00","duration_minutes":60,"room":"Room 3","center_id":"c1",
                       "device_id":"d1"})",
                   wire::parse_calendar_session_change);

  check_round_trip(wire::AttendanceRecord{"a1", "g1/2026-11-24T10:00", "uid-1", "2026-11-24T10:00",
                                          "2026-11-24T16:00:00Z", "p1", "v1", "s1", "2026-11-24T15:50:00Z",
                                          "2026-11-24T16:05:00Z", "c1", "d1"},
                   R"({"id":"a1","session":"g1/2026-11-24T10:00","group_uid":"uid-1",
                       "occurrence":"2026-11-24T10:00","session_start":"2026-11-24T16:00:00Z",
                       "participant_id":"p1","visit_id":"v1","added_by":"s1","joined_at":"2026-11-24T15:50:00Z",
                       "attended_at":"2026-11-24T16:05:00Z","center_id":"c1","device_id":"d1"})",
                   wire::parse_attendance);
  check_round_trip(wire::AttendanceRecord{"a1", "g1/2026-11-24T10:00", "uid-1", "2026-11-24T10:00",
                                          "2026-11-24T16:00:00Z", std::nullopt, std::nullopt, std::nullopt,
                                          "2026-11-24T15:50:00Z", std::nullopt, "c1", "d1"},
                   R"({"id":"a1","session":"g1/2026-11-24T10:00","group_uid":"uid-1",
                       "occurrence":"2026-11-24T10:00","session_start":"2026-11-24T16:00:00Z",
                       "participant_id":null,"visit_id":null,"added_by":null,"joined_at":"2026-11-24T15:50:00Z",
                       "attended_at":null,"center_id":"c1","device_id":"d1"})",
                   wire::parse_attendance);
}

TEST_CASE("sync payloads: payload_problem reads each kind with its own reader") {
  CHECK(wire::payload_problem(wire::MutationKind::VisitSignedIn, json::object()) ==
        "the visit has no valid signed_in_at");
  CHECK(wire::payload_problem(wire::MutationKind::AttendanceJoined, json{{"participant_id", 7}}) ==
        "the attendance's participant_id must be a string or null");
  CHECK(wire::payload_problem(wire::MutationKind::ReferralCreated, json{{"note", "fine"}}).empty());
}

TEST_CASE("sync errors: the code travels in the body, and an older hub's answers are read by their status") {
  const auto body = wire::error_body({wire::ErrorCode::bad_record, "mutation 0: 'seq' must be positive"}, "bad_request");
  CHECK(body.at("code") == "bad_record");
  CHECK(body.at("error") == "bad_request");
  const auto read = wire::error_of(400, body.dump());
  CHECK(read.code == wire::ErrorCode::bad_record);
  CHECK(read.message == "mutation 0: 'seq' must be positive");
  for (const auto code : {wire::ErrorCode::bad_record, wire::ErrorCode::too_large, wire::ErrorCode::not_authorised,
                          wire::ErrorCode::try_later, wire::ErrorCode::bad_request}) {
    CHECK(wire::error_code_named(wire::wire_name(code)) == code);
    CHECK(wire::error_of(400, wire::error_body({code, "x"}, "detail").dump()).code == code);
  }
  // A hub from before codes.
  CHECK(wire::error_of(413, R"({"error":"too_large","message":"a batch may be at most 4 bytes"})").code ==
        wire::ErrorCode::too_large);
  CHECK(wire::error_of(401, R"({"error":"unauthorized","message":"unknown device token"})").code ==
        wire::ErrorCode::not_authorised);
  CHECK(wire::error_of(503, "<html>busy</html>").code == wire::ErrorCode::try_later);
  CHECK(wire::error_of(400, R"({"error":"bad_request","message":"mutation 3: 'seq' must be an integer"})").code ==
        wire::ErrorCode::bad_record);
  CHECK(wire::error_of(400, R"({"error":"bad_request","message":"'mutations' must be an array"})").code ==
        wire::ErrorCode::bad_request);
}

TEST_CASE("sync errors: a push body names the record at fault apart from the batch") {
  wire::ErrorCode fault = wire::ErrorCode::try_later;
  CHECK_FALSE(wire::parse_push_request(R"({"mutations": [1]})", fault));
  CHECK(fault == wire::ErrorCode::bad_record);
  CHECK_FALSE(wire::parse_push_request(R"({"mutations": 1})", fault));
  CHECK(fault == wire::ErrorCode::bad_request);
  CHECK_FALSE(wire::parse_push_request("not json", fault));
  CHECK(fault == wire::ErrorCode::bad_request);
}
