package io.msenas.worker.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * DVS128 Gesture (IBM, Amir et al., CVPR 2017): 11 hand and arm gestures by 29 users under several
 * lightings, one AEDAT 3.1 recording per user and lighting ({@code userNN_<lighting>.aedat}) with a
 * label file {@code userNN_<lighting>_labels.csv}: a header {@code
 * class,startTime_usec,endTime_usec}, then one line per gesture, class 1..11. Each labelled
 * interval is one sample, holding the events with {@code startTime_usec <= t < endTime_usec}; its
 * label is {@code class - 1}.
 *
 * <p>Splits: the trials listed in {@code trials_to_train.txt} / {@code trials_to_test.txt} when
 * both are present, else users 1-23 train and 24-29 test (the official split, which those files
 * spell out). Validation: the trials of the two highest-numbered training users (22 and 23 in the
 * official split; fewer when the training trials have fewer than three users, so that one user
 * always trains), so it holds gestures of people the training split never saw, as the test split
 * does.
 *
 * <p>Every recording and label file is read and checked when the data set is opened; samples are
 * decoded from disk when asked for.
 */
final class DvsGestureDataset {

  static final int CLASSES = 11;
  static final int LAST_TRAIN_USER = 23;
  static final int VALIDATION_USERS = 2;
  static final String TRAIN_LIST = "trials_to_train.txt";
  static final String TEST_LIST = "trials_to_test.txt";
  static final String EXTRACTED_FOLDER = "DvsGesture";
  static final String CSV_HEADER = "class,startTime_usec,endTime_usec";

  private static final Pattern TRIAL = Pattern.compile("user(\\d{1,4})_(.+)\\.aedat");

  /**
   * One labelled gesture of a recording.
   *
   * @param label 0-based class ({@code class - 1} of the file)
   * @param start first microsecond, inclusive
   * @param end last microsecond, exclusive
   * @param line its line in the label file, from 1
   */
  record Interval(int label, long start, long end, int line) {}

  /** One recording: {@code userNN_<lighting>}. */
  record Trial(String name, int user, Path events, Path labels) {}

  private DvsGestureDataset() {}

  /** The directory holding the recordings: {@code directory} or its {@code DvsGesture} folder. */
  static Path resolveDirectory(Path directory) {
    SampleSets.requireDirectory(directory);
    Path extracted = directory.resolve(EXTRACTED_FOLDER);
    if (!Files.exists(directory.resolve(TRAIN_LIST))
        && listTrials(directory).isEmpty()
        && Files.isDirectory(extracted)) {
      return extracted;
    }
    return directory;
  }

  /**
   * Opens the data set in {@code directory}, each sample framed to {@code frames} frames.
   *
   * @throws DatasetFormatException naming the file (and line, packet or event) that is missing or
   *     malformed
   */
  static DatasetSplits open(Path directory, int frames) {
    Path dir = resolveDirectory(directory);
    List<Trial> train = trials(dir, true);
    List<Trial> test = trials(dir, false);
    requireDisjoint(dir, train, test);
    Set<Integer> users = new TreeSet<>();
    train.forEach(t -> users.add(t.user()));
    Set<Integer> validationUsers = new TreeSet<>();
    // at least one user stays in training when a custom split lists few users
    int heldOut = Math.min(VALIDATION_USERS, users.size() - 1);
    users.stream().skip(users.size() - heldOut).forEach(validationUsers::add);
    List<EventSampleSet.Sample> trainSamples = new ArrayList<>();
    List<EventSampleSet.Sample> validationSamples = new ArrayList<>();
    for (Trial trial : train) {
      (validationUsers.contains(trial.user()) ? validationSamples : trainSamples)
          .addAll(samples(trial));
    }
    List<EventSampleSet.Sample> testSamples = new ArrayList<>();
    for (Trial trial : test) {
      testSamples.addAll(samples(trial));
    }
    String name = DatasetId.DVS128_GESTURE.id();
    return new DatasetSplits(
        DatasetId.DVS128_GESTURE,
        String.format(
            "%s (%d training and %d test recordings; validation: users %s; %d frames by event"
                + " count, area-resized to 48 x 48)",
            dir, train.size(), test.size(), validationUsers, frames),
        EventFrames.geometry(frames),
        new EventSampleSet(name + "/train", trainSamples, frames),
        new EventSampleSet(name + "/validation", validationSamples, frames),
        new EventSampleSet(name + "/test", testSamples, frames));
  }

  /** A recording belongs to one split: the lists must not share one (checked once listed). */
  private static void requireDisjoint(Path dir, List<Trial> train, List<Trial> test) {
    Set<Path> training = new HashSet<>();
    train.forEach(t -> training.add(t.events()));
    for (Trial trial : test) {
      if (training.contains(trial.events())) {
        throw new DatasetFormatException(
            trial.events().toString(),
            "is listed in both "
                + dir.resolve(TRAIN_LIST)
                + " and "
                + dir.resolve(TEST_LIST)
                + "; a recording belongs to one split");
      }
    }
  }

  private static List<EventSampleSet.Sample> samples(Trial trial) {
    List<Interval> intervals = readLabels(trial.labels());
    Aedat31File file = Aedat31File.open(trial.events());
    List<EventSampleSet.Sample> samples = new ArrayList<>();
    for (Interval interval : intervals) {
      if (!file.mayHoldEvents(interval.start(), interval.end())) {
        // another clock or unit, or the labels of another recording: the sample would be empty
        throw new DatasetFormatException(
            trial.labels().toString(),
            String.format(
                "line %d: the interval [%d, %d) overlaps no polarity events of %s (%s)",
                interval.line(),
                interval.start(),
                interval.end(),
                trial.events().getFileName(),
                file.events() == 0
                    ? "it has none"
                    : String.format(
                        "its events span [%d, %d]", file.firstTimestamp(), file.lastTimestamp())));
      }
      samples.add(
          new EventSampleSet.Sample(
              interval.label(),
              () -> {
                PolarityEvents events = file.read(interval.start(), interval.end());
                if (events.size() == 0) {
                  // inside the recording's time span, yet silent: a gesture is never that; the
                  // check above cannot see it without reading every event at open
                  throw new DatasetFormatException(
                      trial.labels().toString(),
                      String.format(
                          "line %d: the interval [%d, %d) holds no polarity events of %s",
                          interval.line(),
                          interval.start(),
                          interval.end(),
                          trial.events().getFileName()));
                }
                return events;
              }));
    }
    return samples;
  }

  /**
   * The training or test trials in {@code dir}: from {@code trials_to_train.txt} / {@code
   * trials_to_test.txt} when present, else every {@code userNN_*.aedat} split at user 23.
   */
  static List<Trial> trials(Path dir, boolean train) {
    Path trainList = dir.resolve(TRAIN_LIST);
    Path testList = dir.resolve(TEST_LIST);
    boolean hasTrain = Files.exists(trainList);
    boolean hasTest = Files.exists(testList);
    if (hasTrain != hasTest) {
      Path missing = hasTrain ? testList : trainList;
      throw new DatasetFormatException(
          missing.toString(),
          "file not found, but "
              + (hasTrain ? TRAIN_LIST : TEST_LIST)
              + " is there; give both"
              + " split lists or neither (then users 1-"
              + LAST_TRAIN_USER
              + " train)");
    }
    List<Trial> trials = new ArrayList<>();
    if (hasTrain) {
      Path list = train ? trainList : testList;
      List<String> lines = readLines(list);
      Map<String, Integer> listed = new HashMap<>();
      for (int i = 0; i < lines.size(); i++) {
        String entry = lines.get(i).trim();
        if (!entry.isEmpty()) {
          Integer first = listed.putIfAbsent(entry, i + 1);
          if (first != null) {
            throw new DatasetFormatException(
                list.toString(),
                String.format(
                    "line %d lists %s again (first on line %d); a recording is listed once",
                    i + 1, AedatHeader.printable(entry), first));
          }
          trials.add(trial(dir, entry, list + ", line " + (i + 1)));
        }
      }
      if (trials.isEmpty()) {
        throw new DatasetFormatException(list.toString(), "lists no recordings");
      }
    } else {
      for (String entry : listTrials(dir)) {
        Trial trial = trial(dir, entry, dir.toString());
        if ((trial.user() <= LAST_TRAIN_USER) == train) {
          trials.add(trial);
        }
      }
      if (trials.isEmpty()) {
        throw new DatasetFormatException(
            dir.toString(),
            String.format(
                "holds no DVS128 Gesture %s recordings (userNN_<lighting>.aedat, users %s) and"
                    + " no %s",
                train ? "training" : "test",
                train ? "1-" + LAST_TRAIN_USER : (LAST_TRAIN_USER + 1) + " and up",
                TRAIN_LIST));
      }
    }
    return trials;
  }

  private static List<String> listTrials(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> TRIAL.matcher(n).matches())
          .sorted(NaturalOrder.INSTANCE)
          .toList();
    } catch (IOException e) {
      throw new DatasetFormatException(dir.toString(), "could not be listed: " + e.getMessage(), e);
    }
  }

  private static Trial trial(Path dir, String fileName, String where) {
    Matcher m = TRIAL.matcher(fileName);
    if (!m.matches()) {
      throw new DatasetFormatException(
          where,
          "recording name '"
              + AedatHeader.printable(fileName)
              + "' is not of the form userNN_<lighting>.aedat");
    }
    String base = fileName.substring(0, fileName.length() - ".aedat".length());
    Path events = dir.resolve(fileName);
    if (!Files.isRegularFile(events)) {
      throw new DatasetFormatException(
          events.toString(), "file not found (listed in " + where + ")");
    }
    Path labels = dir.resolve(base + "_labels.csv");
    if (!Files.isRegularFile(labels)) {
      throw new DatasetFormatException(
          labels.toString(), "file not found; it holds the gesture labels of " + fileName);
    }
    return new Trial(base, Integer.parseInt(m.group(1)), events, labels);
  }

  /**
   * Reads a label file: the header {@code class,startTime_usec,endTime_usec}, then lines {@code
   * class,start,end} with class 1..11 and {@code 0 <= start < end}; blank lines are skipped.
   *
   * @throws DatasetFormatException naming the file and the line number of the first bad line
   */
  static List<Interval> readLabels(Path csv) {
    String name = csv.toString();
    List<String> lines = readLines(csv);
    int headerLine = 0;
    while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.size()) {
      throw new DatasetFormatException(name, "is empty; expected the header " + CSV_HEADER);
    }
    String header = lines.get(headerLine).replace("\uFEFF", "").replace(" ", "").trim();
    if (!header.equals(CSV_HEADER)) {
      throw new DatasetFormatException(
          name,
          String.format(
              "line %d: expected the header %s, found '%s'",
              headerLine + 1, CSV_HEADER, AedatHeader.printable(lines.get(headerLine))));
    }
    List<Interval> intervals = new ArrayList<>();
    for (int i = headerLine + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int lineNumber = i + 1;
      String[] fields = line.split(",", -1);
      long[] values = new long[3];
      boolean parsed = fields.length == 3;
      for (int f = 0; parsed && f < 3; f++) {
        try {
          values[f] = Long.parseLong(fields[f].trim());
        } catch (NumberFormatException e) {
          parsed = false;
        }
      }
      if (!parsed) {
        throw new DatasetFormatException(
            name,
            String.format(
                "line %d: expected three comma-separated integers %s, found '%s'",
                lineNumber, CSV_HEADER, AedatHeader.printable(line)));
      }
      if (values[0] < 1 || values[0] > CLASSES) {
        throw new DatasetFormatException(
            name,
            String.format("line %d: class %d is outside 1..%d", lineNumber, values[0], CLASSES));
      }
      if (values[1] < 0 || values[2] <= values[1]) {
        throw new DatasetFormatException(
            name,
            String.format(
                "line %d: the interval [%d, %d) is empty or negative; endTime_usec must be after"
                    + " startTime_usec >= 0",
                lineNumber, values[1], values[2]));
      }
      intervals.add(new Interval((int) values[0] - 1, values[1], values[2], lineNumber));
    }
    if (intervals.isEmpty()) {
      throw new DatasetFormatException(name, "holds no labelled gestures after its header");
    }
    return intervals;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(file.toString(), "file not found", e);
    } catch (IOException e) {
      throw new DatasetFormatException(file.toString(), "could not be read: " + e.getMessage(), e);
    }
  }
}
