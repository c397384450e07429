package io.github.flowruns.patchworks;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.github.flowruns.Run;
import io.github.flowruns.patchworks.invoker.JSON;
import io.github.flowruns.patchworks.model.FlowRun;
import io.github.flowruns.patchworks.model.FlowRunStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A list page of runs read in one streaming pass, each item straight into its generated model and
 * its {@link Run}: what {@link PatchworksClient}'s tree reading ({@code JsonObject}, then a model
 * per item) gives, without the page's tree (~5.8 KB a run, BENCHMARKS.md 8).
 *
 * <p>It reads only what it reads exactly as the tree does, and gives up (throws) on anything else:
 * an item that is not an object, a {@code data} sent twice, an item the model or
 * the mapper cannot read (error logs the model cannot type among them). The listing then reads the
 * same bytes as a tree ({@code Transport#executeTwoWays}), whose result, run or error, stands; so a
 * page gives the same runs, or the same error, either way ({@code StreamedRunPageEquivalenceTest}).
 *
 * <pre>{@code
 * StreamedRunPage page = StreamedRunPage.GSON.fromJson(reader, StreamedRunPage.class);
 * }</pre>
 */
final class StreamedRunPage {
  /**
   * The generated models' Gson, plus this page's reader, and for runs the status text as sent:
   * the generated enum reads {@code "SUCCESS"} as the constant whose text is {@code "2"}, the
   * facade promises {@code "SUCCESS"} ({@link Run#rawStatus()}).
   */
  static final Gson GSON = JSON.getGson().newBuilder()
      .registerTypeAdapterFactory(new Factory())
      .create();

  /** The status text read for the run being read and for its attributes, per thread. */
  private static final ThreadLocal<SentStatus> SENT = ThreadLocal.withInitial(SentStatus::new);

  /** The runs, in order, null items left out. */
  final List<Run> runs;
  /** Whether {@code data} was absent, null or an empty list (not a list of nulls). */
  final boolean noItems;
  /**
   * {@code meta} as sent, or null: kept as a (small) tree and read only for a page with items,
   * as the tree reading reads it.
   */
  final JsonElement meta;

  private StreamedRunPage(List<Run> runs, boolean noItems, JsonElement meta) {
    this.runs = runs;
    this.noItems = noItems;
    this.meta = meta;
  }

  /**
   * The status text of the run being read ({@code depth} 1) and of its {@code attributes}
   * (depth 2), where the tree reading takes it from: the attributes' when they are an object.
   * Reset as each is entered, so a field sent twice counts as the tree counts it: the last one.
   */
  private static final class SentStatus {
    int depth;
    String item;
    String attributes;
  }

  private static final class Factory implements TypeAdapterFactory {
    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      if (type.getRawType() == StreamedRunPage.class) {
        return (TypeAdapter<T>) new PageAdapter(gson.getAdapter(FlowRun.class),
            gson.getAdapter(JsonElement.class));
      }
      if (type.getRawType() == FlowRun.class) {
        return (TypeAdapter<T>) new RunDepth(gson.getDelegateAdapter(this, TypeToken.get(FlowRun.class)));
      }
      if (type.getRawType() == FlowRunStatus.class) {
        return (TypeAdapter<T>) new StatusAsSent(gson.getDelegateAdapter(this, TypeToken.get(FlowRunStatus.class)));
      }
      return null;
    }
  }

  /** Counts how deep in runs the reader is, for {@link StatusAsSent}. */
  private static final class RunDepth extends Around<FlowRun> {
    RunDepth(TypeAdapter<FlowRun> generated) {
      super(generated);
    }

    @Override
    public FlowRun read(JsonReader in) throws IOException {
      SentStatus sent = SENT.get();
      int depth = ++sent.depth;
      if (depth == 1) {
        sent.item = null;
      } else if (depth == 2) {
        sent.attributes = null;
      }
      try {
        return generated.read(in);
      } finally {
        sent.depth--;
      }
    }
  }

  /** Reads a status as the generated enum does, and keeps the text it read. */
  private static final class StatusAsSent extends Around<FlowRunStatus> {
    StatusAsSent(TypeAdapter<FlowRunStatus> generated) {
      super(generated);
    }

    @Override
    public FlowRunStatus read(JsonReader in) throws IOException {
      String text;
      switch (in.peek()) {
        case NULL:
          in.nextNull();
          text = null;
          break;
        case BOOLEAN:
          text = String.valueOf(in.nextBoolean());
          break;
        case NUMBER:
        case STRING:
          text = in.nextString();   // a number as written, as JsonPrimitive#getAsString gives it
          break;
        default:
          return generated.read(in);   // the generated adapter's own error
      }
      SentStatus sent = SENT.get();
      if (sent.depth == 1) {
        sent.item = text;
      } else if (sent.depth == 2) {
        sent.attributes = text;
      }
      return FlowRunStatus.fromRaw(text);
    }
  }

  /** Reads {@code {"data": [...], "meta": {...}, ...}}; gives up on anything the tree reads otherwise. */
  private static final class PageAdapter extends ReadOnly<StreamedRunPage> {
    private final TypeAdapter<FlowRun> runs;
    private final TypeAdapter<JsonElement> metas;

    PageAdapter(TypeAdapter<FlowRun> runs, TypeAdapter<JsonElement> metas) {
      this.runs = runs;
      this.metas = metas;
    }

    @Override
    public StreamedRunPage read(JsonReader in) throws IOException {
      List<Run> items = null;
      boolean noItems = true;
      JsonElement meta = null;
      in.beginObject();
      while (in.hasNext()) {
        String name = in.nextName();
        if ("data".equals(name)) {
          if (items != null) {
            throw new IllegalStateException("data sent twice");   // the tree keeps the last
          }
          items = new ArrayList<>(100);
          if (in.peek() == JsonToken.NULL) {
            in.nextNull();
          } else {
            noItems = readItems(in, items);
          }
        } else if ("meta".equals(name)) {
          meta = metas.read(in);   // sent twice, the last counts, as in the tree
        } else {
          in.skipValue();
        }
      }
      in.endObject();
      return new StreamedRunPage(items == null ? List.of() : Collections.unmodifiableList(items),
          noItems, meta);
    }

    /** Reads the items into {@code into}; returns whether the list was empty. */
    private boolean readItems(JsonReader in, List<Run> into) throws IOException {
      boolean empty = true;
      in.beginArray();
      while (in.hasNext()) {
        empty = false;
        JsonToken token = in.peek();
        if (token == JsonToken.NULL) {
          in.nextNull();
          continue;
        }
        if (token != JsonToken.BEGIN_OBJECT) {
          throw new IllegalStateException("a flow run that is not a JSON object");
        }
        SentStatus sent = SENT.get();
        sent.depth = 0;   // a run of an earlier page that failed mid-way left it anywhere
        FlowRun model = runs.read(in);
        into.add(RunMapper.toRun(model, model.getAttributes() != null ? sent.attributes : sent.item));
      }
      in.endArray();
      return empty;
    }
  }

  /** An adapter of this reading only: nothing here writes Patchworks JSON. */
  private abstract static class ReadOnly<T> extends TypeAdapter<T> {
    @Override
    public final void write(JsonWriter out, T value) {
      throw new UnsupportedOperationException("read only");
    }
  }

  /** A reading around the generated adapter of the same type. */
  private abstract static class Around<T> extends ReadOnly<T> {
    final TypeAdapter<T> generated;

    Around(TypeAdapter<T> generated) {
      this.generated = generated;
    }
  }
}
