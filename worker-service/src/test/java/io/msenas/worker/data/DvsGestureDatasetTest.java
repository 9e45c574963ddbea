package io.msenas.worker.data;

import static io.msenas.worker.data.CifarDatasetTest.mkdirs;
import static io.msenas.worker.data.EventFiles.aedat31;
import static io.msenas.worker.data.EventFiles.ascii;
import static io.msenas.worker.data.EventFiles.polarityPacket;
import static io.msenas.worker.data.EventFramesTest.channelSum;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.InputKind;
import io.msenas.worker.data.EventFiles.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvsGestureDatasetTest {

  private static final double MASS = 9 / 64.0; // one event's sum after the 128 -> 48 area resize

  @TempDir Path dir;

  /**
   * Writes {@code name.aedat} and {@code name_labels.csv}: per interval {@code {class, start,
   * end}}, one ON event at each of start and end - 1 (inside) and at start - 1 and end (outside).
   */
  private static void writeTrial(Path folder, String name, long[]... intervals) {
    StringBuilder csv = new StringBuilder("class,startTime_usec,endTime_usec\r\n");
    List<Event> events = new ArrayList<>();
    for (long[] interval : intervals) {
      csv.append(interval[0]).append(',').append(interval[1]).append(',').append(interval[2]);
      csv.append("\r\n");
      int start = (int) interval[1];
      int end = (int) interval[2];
      events.add(Event.on(1, 1, start - 1));
      events.add(Event.on(2, 2, start));
      events.add(Event.on(3, 3, end - 1));
      events.add(Event.on(4, 4, end));
    }
    mkdirs(folder);
    write(folder, name + ".aedat", aedat31(polarityPacket(0, events.toArray(Event[]::new))));
    write(folder, name + "_labels.csv", ascii(csv.toString()));
  }

  private void writeOfficialLayout(Path folder) {
    writeTrial(folder, "user01_lab", new long[] {1, 1000, 2000}, new long[] {11, 3000, 4000});
    writeTrial(folder, "user02_led", new long[] {5, 100, 200});
    writeTrial(folder, "user22_lab", new long[] {2, 10, 20});
    writeTrial(folder, "user23_fluorescent", new long[] {3, 10, 20});
    writeTrial(folder, "user24_natural", new long[] {4, 10, 20}, new long[] {4, 30, 40});
  }

  @Test
  void splitsUsersOneToTwentyThreeFromTheRestAndHoldsOutTheLastTwoForValidation() {
    writeOfficialLayout(dir);

    DatasetSplits gesture = Datasets.open("dvs128-gesture", dir, 4);

    assertThat(labels(gesture.train())).containsExactly(0, 10, 4);
    assertThat(labels(gesture.validation())).containsExactly(1, 2);
    assertThat(labels(gesture.test())).containsExactly(3, 3);
    assertThat(gesture.geometry()).isEqualTo(new SampleGeometry(4, 48, 2));
    assertThat(gesture.inputKind()).isEqualTo(InputKind.EVENTS);
    assertThat(gesture.classes()).isEqualTo(11);
    assertThat(gesture.trainingAugmentation()).isEqualTo(Augmentation.EVENTS);
    assertThat(gesture.source()).contains("validation: users [22, 23]");
  }

  @Test
  void aSampleHoldsTheEventsOfItsHalfOpenInterval() {
    writeOfficialLayout(dir);
    DatasetSplits gesture = Datasets.open("dvs128-gesture", dir, 1);

    float[] frames = gesture.train().sample(0);

    // inside [1000, 2000): the events at 1000 (pixel 2, 2) and 1999 (pixel 3, 3), not 999 or 2000
    assertThat(channelSum(frames, 0, 1)).isEqualTo(2 * MASS);
    assertThat(channelSum(frames, 0, 0)).isZero();
    assertThat(frames[EventFramesTest.nhwc(0, 0, 0, 1)]).isEqualTo((2 / 8f) * (2 / 8f));
    assertThat(frames[EventFramesTest.nhwc(0, 1, 1, 1)])
        .as("pixel (2, 2) adds 1/8 x 1/8, pixel (3, 3) 3/8 x 3/8")
        .isEqualTo(1 / 64f + 9 / 64f);
  }

  @Test
  void framesSplitTheIntervalsEventsByCountPerPolarity() {
    mkdirs(dir);
    writeTrial(dir, "user24_lab", new long[] {1, 10, 20});
    write(
        dir,
        "user01_lab.aedat",
        aedat31(
            polarityPacket(0, Event.on(9, 9, 999), Event.on(10, 10, 1000), Event.on(11, 11, 1001)),
            polarityPacket(
                0,
                Event.off(12, 12, 1002),
                Event.on(13, 13, 1003),
                Event.off(14, 14, 1004).invalid(),
                Event.off(15, 15, 1005),
                Event.off(16, 16, 1006),
                Event.on(17, 17, 2000))));
    write(dir, "user01_lab_labels.csv", ascii("class,startTime_usec,endTime_usec\n7,1000,2000\n"));

    DatasetSplits gesture = Datasets.open("dvs128-gesture", dir, 3);
    float[] frames = gesture.train().sample(0);

    // 6 valid events inside: ON ON | OFF ON | OFF OFF
    assertThat(gesture.train().label(0)).isEqualTo(6);
    assertThat(channelSum(frames, 0, 1)).isEqualTo(2 * MASS);
    assertThat(channelSum(frames, 0, 0)).isZero();
    assertThat(channelSum(frames, 1, 0)).isEqualTo(MASS);
    assertThat(channelSum(frames, 1, 1)).isEqualTo(MASS);
    assertThat(channelSum(frames, 2, 0)).isEqualTo(2 * MASS);
    assertThat(channelSum(frames, 2, 1)).isZero();
  }

  @Test
  void usesTheTrialListsWhenPresent() {
    writeOfficialLayout(dir);
    write(
        dir,
        "trials_to_train.txt",
        ascii("user01_lab.aedat\r\n\r\nuser24_natural.aedat\r\nuser02_led.aedat\r\n"));
    write(dir, "trials_to_test.txt", ascii("user22_lab.aedat\n"));

    DatasetSplits gesture = Datasets.open("dvs128-gesture", dir, 2);

    // training users 1, 2 and 24: the two highest (2 and 24) validate
    assertThat(labels(gesture.train())).containsExactly(0, 10);
    assertThat(labels(gesture.validation())).containsExactly(3, 3, 4);
    assertThat(labels(gesture.test())).containsExactly(1);
  }

  @Test
  void keepsOneTrainingUserWhenTheListsNameFew() {
    writeOfficialLayout(dir);
    write(dir, "trials_to_train.txt", ascii("user01_lab.aedat\n"));
    write(dir, "trials_to_test.txt", ascii("user22_lab.aedat\n"));

    DatasetSplits gesture = Datasets.open("dvs128-gesture", dir, 2);

    assertThat(labels(gesture.train())).containsExactly(0, 10);
    assertThat(gesture.validation().size()).isZero();
  }

  @Test
  void findsTheRecordingsInTheExtractedArchiveFolder() {
    writeOfficialLayout(dir.resolve("DvsGesture"));

    DatasetSplits gesture = Datasets.open("dvs128-gesture", dir, 2);

    assertThat(gesture.train().size()).isEqualTo(3);
    assertThat(gesture.source()).contains("DvsGesture");
  }

  @Test
  void rejectsOneTrialListWithoutTheOther() {
    writeOfficialLayout(dir);
    write(dir, "trials_to_train.txt", ascii("user01_lab.aedat\n"));

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(dir.resolve("trials_to_test.txt") + ": file not found")
        .hasMessageContaining("give both split lists or neither");
  }

  @Test
  void rejectsAListedRecordingThatIsMissing() {
    writeOfficialLayout(dir);
    write(dir, "trials_to_train.txt", ascii("user01_lab.aedat\nuser05_lab.aedat\n"));
    write(dir, "trials_to_test.txt", ascii("user24_natural.aedat\n"));

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(dir.resolve("user05_lab.aedat") + ": file not found")
        .hasMessageContaining("trials_to_train.txt, line 2");
  }

  @Test
  void rejectsARecordingListedTwiceInOneList() {
    writeOfficialLayout(dir);
    write(
        dir,
        "trials_to_train.txt",
        ascii("user01_lab.aedat\nuser02_led.aedat\n\n user01_lab.aedat\n"));
    write(dir, "trials_to_test.txt", ascii("user24_natural.aedat\n"));

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(
            dir.resolve("trials_to_train.txt")
                + ": line 4 lists user01_lab.aedat again (first on line 1); a recording is listed"
                + " once");
  }

  @Test
  void rejectsARecordingListedForTrainingAndTest() {
    writeOfficialLayout(dir);
    write(dir, "trials_to_train.txt", ascii("user01_lab.aedat\nuser02_led.aedat\n"));
    write(dir, "trials_to_test.txt", ascii("user24_natural.aedat\nuser02_led.aedat\n"));

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(
            dir.resolve("user02_led.aedat")
                + ": is listed in both "
                + dir.resolve("trials_to_train.txt")
                + " and "
                + dir.resolve("trials_to_test.txt")
                + "; a recording belongs to one split");
  }

  @Test
  void aLabelIntervalWithoutEventsInsideTheRecordingFailsWhenItsSampleIsRead() {
    writeOfficialLayout(dir);
    // events at 999, 1000, 1999, 2000, 2999, 3000, 3999, 4000 in one packet: [2100, 2900) lies
    // inside the packet's span and holds none
    write(
        dir,
        "user01_lab_labels.csv",
        ascii("class,startTime_usec,endTime_usec\n1,1000,2000\n11,2100,2900\n"));
    DatasetSplits gesture = Datasets.open("dvs128-gesture", dir, 2);
    assertThat(gesture.train().sample(0)).isNotEmpty();

    assertThatThrownBy(() -> gesture.train().sample(1))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(
            dir.resolve("user01_lab_labels.csv")
                + ": line 3: the interval [2100, 2900) holds no polarity events of"
                + " user01_lab.aedat");
  }

  @Test
  void rejectsALabelIntervalOutsideTheRecordingsEventsNamingTheLine() {
    writeOfficialLayout(dir);
    // events at 999..2000 and 2999..4000; the second gesture's times are off by a factor 1000
    write(
        dir,
        "user01_lab_labels.csv",
        ascii("class,startTime_usec,endTime_usec\n1,1000,2000\n11,3000000,4000000\n"));

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(
            dir.resolve("user01_lab_labels.csv")
                + ": line 3: the interval [3000000, 4000000) overlaps no polarity events of"
                + " user01_lab.aedat (its events span [999, 4000])");

    write(dir, "user02_led.aedat", aedat31());
    write(dir, "user01_lab_labels.csv", ascii("class,startTime_usec,endTime_usec\n1,1000,2000\n"));
    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir, 2))
        .hasMessage(
            dir.resolve("user02_led_labels.csv")
                + ": line 2: the interval [100, 200) overlaps no polarity events of"
                + " user02_led.aedat (it has none)");
  }

  @Test
  void rejectsARecordingWithoutLabels() {
    writeOfficialLayout(dir);
    write(dir, "user03_lab.aedat", aedat31());

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(dir.resolve("user03_lab_labels.csv") + ": file not found")
        .hasMessageContaining("gesture labels of user03_lab.aedat");
  }

  @Test
  void rejectsADamagedRecordingNamingIt() {
    writeOfficialLayout(dir);
    write(dir, "user02_led.aedat", ascii("#!AER-DAT2.0\r\n"));

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(dir.resolve("user02_led.aedat").toString())
        .hasMessageContaining("this data set needs #!AER-DAT3.1");
  }

  @Test
  void rejectsADirectoryWithoutRecordings() {
    mkdirs(dir.resolve("empty"));

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", dir.resolve("empty"), 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("holds no DVS128 Gesture training recordings");
  }

  @Test
  void readsLabelFilesWithClassMinusOne() {
    Path csv =
        write(
            dir,
            "user01_lab_labels.csv",
            ascii("class,startTime_usec,endTime_usec\r\n1,80048239,85092709\r\n11,5,6\r\n\r\n"));

    assertThat(DvsGestureDataset.readLabels(csv))
        .containsExactly(
            new DvsGestureDataset.Interval(0, 80048239, 85092709, 2),
            new DvsGestureDataset.Interval(10, 5, 6, 3));
  }

  @Test
  void rejectsLabelFilesThatDoNotParseNamingTheLine() {
    assertLabelsRejected("class;start;end\n1;2;3\n", "line 1: expected the header");
    assertLabelsRejected("", "is empty; expected the header class,startTime_usec,endTime_usec");
    assertLabelsRejected(
        "class,startTime_usec,endTime_usec\n1,10,20\n2,abc,30\n",
        "line 3: expected three comma-separated integers class,startTime_usec,endTime_usec,"
            + " found '2,abc,30'");
    assertLabelsRejected(
        "class,startTime_usec,endTime_usec\n1,10\n", "line 2: expected three comma-separated");
    assertLabelsRejected(
        "class,startTime_usec,endTime_usec\n1,10,20,30\n",
        "line 2: expected three comma-separated");
    assertLabelsRejected(
        "class,startTime_usec,endTime_usec\n12,10,20\n", "line 2: class 12 is outside 1..11");
    assertLabelsRejected(
        "class,startTime_usec,endTime_usec\n0,10,20\n", "line 2: class 0 is outside 1..11");
    assertLabelsRejected(
        "class,startTime_usec,endTime_usec\n3,20,20\n",
        "line 2: the interval [20, 20) is empty or negative");
    assertLabelsRejected(
        "class,startTime_usec,endTime_usec\n", "holds no labelled gestures after its header");
  }

  private void assertLabelsRejected(String content, String problem) {
    Path csv = write(dir, "bad_labels.csv", ascii(content));

    assertThatThrownBy(() -> DvsGestureDataset.readLabels(csv))
        .as(content)
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(csv.toString())
        .hasMessageContaining(problem);
  }

  static int[] labels(SampleSet set) {
    int[] labels = new int[set.size()];
    Arrays.setAll(labels, set::label);
    return labels;
  }
}
