#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "measurements.hpp"
#include "porchlight/core/participants.hpp"
#include "porchlight/core/visits.hpp"

namespace porchlight::bench {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> random_live_participants(core::Store& store, Random& random, std::size_t count) {
  auto max_query = expect(store.db().query("SELECT max(rowid) FROM participant"), "counting participants");
  const auto max_rowid = expect(max_query.single_int(), "counting participants");
  auto id_query =
      expect(store.db().query("SELECT id FROM participant WHERE rowid = ?1 AND merged_into IS NULL"), "reading ids");
  std::vector<std::string> ids;
  while (ids.size() < count && max_rowid > 0) {
    id_query.bind(1, 1 + static_cast<std::int64_t>(random.below(static_cast<std::size_t>(max_rowid))));
    if (expect(id_query.step(), "reading an id")) ids.push_back(id_query.text(0));
    id_query.reset();
  }
  return ids;
}

// A file written and synced the way SQLite writes its WAL: each changed page goes in as a frame (a 24-byte
// header and the 4 KiB page), then one fdatasync makes the commit durable. Writing over frames the file
// already has syncs data only; appending must also make the new length durable, which can cost more.
class DiskProbe {
 public:
  DiskProbe(fs::path path, bool append) : path_(std::move(path)), append_(append), frame_(24 + 4096, 'p') {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd_ < 0) throw BenchFailure("cannot create " + path_.string());
    bool written = true;
    for (std::size_t i = 0; i < kSizedFrames && !append_ && written; ++i) written = write_frame(i);
    if (!written || ::fsync(fd_) != 0) {
      ::close(fd_);
      throw BenchFailure("cannot prepare " + path_.string());
    }
  }
  ~DiskProbe() {
    ::close(fd_);
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  DiskProbe(const DiskProbe&) = delete;
  DiskProbe& operator=(const DiskProbe&) = delete;

  // One commit's worth: `frames` frames, then fdatasync.
  BenchClock::duration commit(std::size_t frames) {
    const auto start = BenchClock::now();
    bool written = true;
    for (std::size_t f = 0; f < frames && written; ++f, ++next_)
      written = write_frame(append_ ? next_ : next_ % kSizedFrames);
    if (!written || ::fdatasync(fd_) != 0) throw BenchFailure("writing and syncing " + path_.string() + " failed");
    return BenchClock::now() - start;
  }

 private:
  static constexpr std::size_t kSizedFrames = 1024;
  bool write_frame(std::size_t index) {
    const auto offset = static_cast<off_t>(index * frame_.size());
    return ::pwrite(fd_, frame_.data(), frame_.size(), offset) == static_cast<ssize_t>(frame_.size());
  }

  fs::path path_;
  bool append_;
  std::vector<char> frame_;
  int fd_ = -1;
  std::size_t next_ = 0;
};

std::uintmax_t file_size_or_zero(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? std::uintmax_t{0} : size;
}

}  // namespace

SignInFigures measure_sign_in(core::Store& store, core::ManualClock& clock, Random& random, std::size_t count,
                              const fs::path& folder) {
  const auto reasons = expect(core::list_reasons(store), "listing reasons");
  constexpr std::size_t kWarmUp = 5;
  const auto people = random_live_participants(store, random, count + kWarmUp);
  const fs::path db_path = store.db().path();
  const fs::path wal_path = db_path.string() + "-wal";
  auto db_written = [&] {
    std::error_code ec;
    return fs::last_write_time(db_path, ec);
  };
  auto visit_for = [&](const std::string& participant_id) {
    core::SignIn visit;
    visit.participant_id = participant_id;
    visit.reasons.push_back(reasons[random.below(reasons.size())].code);
    if (random.chance(0.35)) visit.reasons.push_back(reasons[random.below(reasons.size())].code);
    if (random.chance(0.7)) visit.mood = 1 + random.below(5);
    clock.advance((7 + random.below(20)) * 1000);
    return visit;
  };

  // The first few prepare the statements; the WAL they add (it starts empty after open) says how many
  // frames one sign-in writes, which the disk probes then copy.
  const auto wal_at_open = file_size_or_zero(wal_path);
  for (std::size_t i = 0; i < kWarmUp && i < people.size(); ++i) {
    (void)expect(core::sign_in(store, visit_for(people[i])), "warm-up sign-in");
  }
  SignInFigures figures;
  const auto warm_up_bytes = std::max(file_size_or_zero(wal_path), wal_at_open) - wal_at_open;
  figures.wal_frames_per_commit = static_cast<double>(warm_up_bytes) / (24.0 + 4096.0) / kWarmUp;
  figures.probe_frames = static_cast<std::size_t>(std::max(1.0, figures.wal_frames_per_commit + 0.5));

  // The disk probes run between sign-ins, so both see the disk in the same mood (a virtual machine's
  // sync latency can change by the second).
  DiskProbe overwrite(folder / "probe-overwrite", false);
  DiskProbe append(folder / "probe-append", true);
  Samples all, wal_sized, wal_growing, checkpoint, disk_overwrite, disk_append;
  for (std::size_t i = kWarmUp; i < people.size(); ++i) {
    const core::SignIn visit = visit_for(people[i]);
    const auto wal_before = file_size_or_zero(wal_path);
    const auto db_before = db_written();
    const auto start = BenchClock::now();
    auto signed_in = core::sign_in(store, visit);
    const auto elapsed = BenchClock::now() - start;
    (void)expect(std::move(signed_in), "signing in");
    all.add(elapsed);
    if (db_written() != db_before) {
      checkpoint.add(elapsed);
    } else if (file_size_or_zero(wal_path) > wal_before) {
      wal_growing.add(elapsed);
    } else {
      wal_sized.add(elapsed);
    }
    disk_overwrite.add(overwrite.commit(figures.probe_frames));
    disk_append.add(append.commit(figures.probe_frames));
  }
  figures.all = all.summary();
  figures.wal_sized = wal_sized.summary();
  figures.wal_growing = wal_growing.summary();
  figures.checkpoint = checkpoint.summary();
  figures.disk_overwrite = disk_overwrite.summary();
  figures.disk_append = disk_append.summary();
  return figures;
}

Summary measure_registration(core::Store& store, core::ManualClock& clock, Random& random, std::size_t count) {
  Samples samples;
  for (std::size_t i = 0; i < count + 3; ++i) {
    const PersonName name = random_person_name(random);
    core::NewParticipant person;
    person.first_name = name.first;
    person.last_name = name.last;
    person.language = name.spanish && random.chance(0.6) ? "es" : "en";
    person.consent_record = true;
    if (random.chance(0.4)) {
      person.phone = "617-555-" + std::to_string(1000 + random.below(9000));
      person.consent_contact = true;
    }
    clock.advance((30 + random.below(90)) * 1000);
    if (i < 3) {
      (void)expect(core::register_participant(store, person), "warm-up registration");
      continue;
    }
    (void)expect(timed(samples, [&] { return core::register_participant(store, person); }), "registering");
  }
  return samples.summary();
}

}  // namespace porchlight::bench
