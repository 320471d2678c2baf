package org.shiftscope.workflow.project;

import org.shiftscope.core.AtomicFile;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import org.shiftscope.workflow.TransportAnalysis;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.map.MapAnalysis;
import org.shiftscope.workflow.map.MapSettings;
import org.shiftscope.workflow.model.EmbeddingAnalysis;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;
import org.shiftscope.core.ImagePreprocessing;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.projection.Projector;
import org.shiftscope.scenarios.TargetShift;

/**
 * Reads and writes project files ({@code .shiftscope.json}). Writing is atomic: the project goes to a temporary
 * file in the same folder, is flushed to disk, then renamed over the old one, so a crash never leaves half a file.
 * Data paths are stored relative to the project's folder when they lie inside it, so a project folder can move.
 */
public final class ProjectStore {

    public static final String FORMAT = "shiftscope-project";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProjectStore() {
    }

    public static void save(Project project, Path file) {
        Path target = file.toAbsolutePath().normalize();
        String name = target.getFileName().toString();
        try {
            byte[] bytes = JSON.writeValueAsBytes(toJson(project, target.getParent()));
            AtomicFile.write(target, out -> out.write(bytes));
        } catch (IOException e) {
            throw DataException.inFile(name, "cannot be saved: " + e.getMessage());
        }
    }

    public static Project load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        if (!Files.isRegularFile(abs)) {
            throw DataException.inFile(name, "no such project file (" + abs + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(abs.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataException(name, at == null ? 0 : at.getLineNr(), at == null ? null : "column " + at.getColumnNr(),
                    "not a valid project file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw DataException.inFile(name, "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw DataException.inFile(name, "not a ShiftScope project (no \"format\": \"" + FORMAT + "\")");
        }
        int version;
        try {
            version = ProjectFields.integer(root, "version", -1);
        } catch (DataException e) {
            throw DataException.inFile(name, e.reason());
        }
        if (version > VERSION) {
            throw DataException.inFile(name, "written by a newer ShiftScope (project format " + version
                    + "; this version reads up to " + VERSION + ")");
        }
        if (version < 1) {
            throw DataException.inFile(name, "has no valid \"version\"");
        }
        try {
            return fromJson(root, abs.getParent(), name);
        } catch (DataException e) {
            // a setting the file holds, refused where it is checked: name the file
            throw e.file() != null ? e : DataException.inFile(name, e.reason());
        }
    }

    /** The project as its file would hold it, with paths inside {@code dir} written relative to it. */
    public static String json(Project project, Path dir) {
        try {
            return JSON.writeValueAsString(toJson(project, dir.toAbsolutePath().normalize()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode toJson(Project p, Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode split = root.putObject("split");
        switch (p.split().source()) {
            case SplitSource.TwoFiles f -> {
                split.put("kind", "two-files");
                split.put("reference", relative(dir, f.reference()));
                split.put("target", relative(dir, f.target()));
            }
            case SplitSource.FilteredFile f -> {
                split.put("kind", "filtered-file");
                split.put("data", relative(dir, f.data()));
                split.put("reference_where", f.referenceWhere());
                split.put("target_where", f.targetWhere());
            }
            case SplitSource.Demo d -> {
                split.put("kind", "demo");
                split.put("scenario", d.scenario());
                split.put("rows", d.rows());
                split.put("seed", d.seed());
                split.put("intensity", d.intensity());
            }
        }
        ArrayNode cols = split.putArray("columns");
        p.split().columns().forEach(cols::add);
        split.put("missing", p.split().missing().label());
        if (p.split().images() != null) {
            ObjectNode images = split.putObject("images");
            images.put("column", p.split().images().column());
            if (p.split().images().root() != null) {
                images.put("root", relative(dir, p.split().images().root()));
            }
        }
        if (p.split().targetShift() != null) {
            ObjectNode shift = split.putObject("target_shift");
            shift.put("steps", p.split().targetShift().text());
            shift.put("seed", p.split().targetShift().seed());
        }
        root.put("view", p.view());
        MapSettings m = p.map();
        if (m != null) {
            ObjectNode map = root.putObject("map");
            map.put("source", m.source().id());
            if (m.file() != null) {
                map.put("file", relative(dir, m.file()));
            }
            if (m.column() != null) {
                map.put("column", m.column());
            }
            map.put("method", m.method().id());
            map.put("clustering", m.clustering().method().id());
            map.put("clusters", m.clustering().k());
            if (!Double.isNaN(m.clustering().eps())) {
                map.put("eps", m.clustering().eps());
            }
            map.put("min_samples", m.clustering().minSamples());
            map.put("standardize", m.standardize().id());
            map.put("seed", m.seed());
            if (!m.preprocess().equals(ImagePreprocessing.NONE)) {
                map.set("preprocess", preprocessJson(m.preprocess()));
            }
            if (m.fit() == Projector.ALL) {
                map.put("fit", "all");
            } else if (m.fit() > 0) {
                map.put("fit", m.fit());
            }
        }
        if (p.audit() != null) {
            root.set("audit", auditJson(p.audit(), dir));
        }
        if (p.explain() != null) {
            ProjectSections.explain(root, p.explain());
        }
        ProjectSections.slices(root, p.slices());
        ProjectSections.gates(root, p.gates());
        if (p.summary() != null) {
            root.set("summary", org.shiftscope.workflow.summary.SummaryJson.write(p.summary()));
        }
        return root;
    }

    /** The audit's settings as a project file holds them (paths relative to {@code dir} where they lie inside). */
    public static ObjectNode auditJson(AuditAnalysis.Settings s, Path dir) {
        AuditAnalysis.Options o = s.options();
        ObjectNode a = JSON.createObjectNode();
        a.put("label", o.label());
        a.put("positive_label", o.positiveLabel());
        if (o.model() == null) {
            a.put("prediction", o.prediction());
        } else {
            ObjectNode m = a.putObject("model");
            m.put("file", relative(dir, o.model().file()));
            o.model().input().columns().forEach(m.putArray("inputs")::add);
            m.put("output", o.model().input().output());
            m.put("batch", o.model().input().batch());
            m.put("positive_output", o.model().positiveOutput());
        }
        if (o.threshold() != null) {
            a.put("threshold", o.threshold());
        }
        o.positivePredictions().forEach(a.putArray("positive_predictions")::add);
        o.negativePredictions().forEach(a.putArray("negative_predictions")::add);
        o.groups().forEach(a.putArray("groups")::add);
        a.put("reference_group", o.referenceGroup());
        a.put("min_group_size", o.minGroupSize());
        a.put("resamples", o.resamples());
        a.put("seed", o.seed());
        a.put("where", s.where());
        a.put("clusters", s.clusters());
        return a;
    }

    /** The audit settings of a project file (null when it has none). */
    private static AuditAnalysis.Settings audit(JsonNode a, Path dir, String file) {
        if (!a.isObject()) {
            return null;
        }
        JsonNode m = a.path("model");
        AuditAnalysis.Model model = null;
        if (m.isObject()) {
            List<String> inputs = new ArrayList<>();
            m.path("inputs").forEach(c -> inputs.add(c.asText()));
            model = new AuditAnalysis.Model(resolve(dir, text(m, "file", file)), new EmbeddingAnalysis.ModelInput(
                    inputs, ProjectFields.integer(m, "output", 0), ProjectFields.integer(m, "batch", 256)),
                    ProjectFields.integer(m, "positive_output", 1));
        }
        AuditAnalysis.Options o = new AuditAnalysis.Options(text(a, "label", file), optional(a, "positive_label"),
                model == null ? text(a, "prediction", file) : null,
                a.hasNonNull("threshold") ? (Double) ProjectFields.number(a, "threshold", 0) : null,
                strings(a, "positive_predictions"),
                strings(a, "negative_predictions"), strings(a, "groups"), optional(a, "reference_group"),
                ProjectFields.integer(a, "min_group_size", AuditAnalysis.DEFAULT_MIN_GROUP_SIZE),
                ProjectFields.integer(a, "resamples", 1000),
                ProjectFields.longValue(a, "seed", 0), model);
        return new AuditAnalysis.Settings(o, optional(a, "where"), ProjectFields.integer(a, "clusters", 0));
    }

    private static String optional(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Project fromJson(JsonNode root, Path dir, String file) {
        JsonNode s = root.path("split");
        String kind = text(s, "kind", file);
        SplitSource source = switch (kind) {
            case "two-files" -> new SplitSource.TwoFiles(resolve(dir, text(s, "reference", file)),
                    resolve(dir, text(s, "target", file)));
            case "filtered-file" -> new SplitSource.FilteredFile(resolve(dir, text(s, "data", file)),
                    text(s, "reference_where", file), text(s, "target_where", file));
            case "demo" -> new SplitSource.Demo(text(s, "scenario", file), ProjectFields.integer(s, "rows", 1500),
                    ProjectFields.longValue(s, "seed", 0), ProjectFields.number(s, "intensity", 1));
            default -> throw DataException.inFile(file, "unknown split kind '" + kind + "'");
        };
        List<String> columns = new ArrayList<>();
        s.path("columns").forEach(c -> columns.add(c.asText()));
        MissingPolicy missing = MissingPolicy.parse(s.path("missing").asText("drop"));
        JsonNode shift = s.path("target_shift");
        TargetShift targetShift = shift.isObject()
                ? TargetShift.parse(text(shift, "steps", file), ProjectFields.longValue(shift, "seed", 0)) : null;
        JsonNode img = s.path("images");
        SplitDefinition.ImageColumn images = img.isObject() ? new SplitDefinition.ImageColumn(text(img, "column", file),
                img.hasNonNull("root") ? resolve(dir, img.get("root").asText()) : null) : null;
        return new Project(new SplitDefinition(source, columns, missing, targetShift, images),
                root.path("view").asText("data"),
                mapSettings(root.path("map"), dir), audit(root.path("audit"), dir, file),
                ProjectSections.explain(root.path("explain"), file), ProjectSections.slices(root.path("slices"), file),
                ProjectSections.gates(root.path("gates"), file),
                root.path("summary").isObject()
                        ? org.shiftscope.workflow.summary.SummaryJson.read(root.get("summary"), file) : null);
    }

    /** The map settings of a project file (defaults for what it does not say); null when it has none. */
    private static MapSettings mapSettings(JsonNode m, Path dir) {
        MapSettings d = MapSettings.defaults();
        if (!m.isObject()) {
            return null;
        }
        String file = m.path("file").asText("");
        String column = m.path("column").asText("");
        return new MapSettings(
                m.has("source") ? MapSettings.Source.parse(m.get("source").asText()) : d.source(),
                file.isBlank() ? null : resolve(dir, file),
                column.isBlank() ? null : column,
                m.has("method") ? Projector.Method.parse(m.get("method").asText()) : d.method(),
                new MapAnalysis.Clustering(
                        m.has("clustering") ? MapAnalysis.Clustering.Method.parse(m.get("clustering").asText())
                                : d.clustering().method(),
                        ProjectFields.integer(m, "clusters", d.clustering().k()),
                        ProjectFields.number(m, "eps", Double.NaN),
                        ProjectFields.integer(m, "min_samples", d.clustering().minSamples())),
                m.has("standardize") ? TransportAnalysis.Standardize.parse(m.get("standardize").asText())
                        : d.standardize(),
                ProjectFields.longValue(m, "seed", d.seed()),
                m.path("preprocess").isObject() ? preprocess(m.path("preprocess")) : ImagePreprocessing.NONE,
                fit(m.path("fit")));
    }

    /** "all", a positive point count, or absent (the preview sample). */
    private static int fit(JsonNode f) {
        if (f.isMissingNode() || f.isNull()) {
            return 0;
        }
        if (f.isTextual() && f.asText().equals("all")) {
            return Projector.ALL;
        }
        if (f.canConvertToInt() && f.isIntegralNumber() && f.asInt() > 0) {
            return f.asInt();
        }
        throw DataException.of("the map's \"fit\" is " + f + ", not \"all\" or a positive number of points");
    }

    /** A model's image preprocessing as the project file holds it. */
    static ObjectNode preprocessJson(ImagePreprocessing p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("preset", p.name());
        o.put("resize", p.resize());
        o.put("exact", p.exact());
        o.put("crop", p.crop());
        o.put("channels", p.channels() == 0 ? "as-stored" : p.channels() == 1 ? "grey" : p.bgr() ? "bgr" : "rgb");
        o.put("layout", p.nhwc() ? "nhwc" : "nchw");
        o.put("scale", p.byteRange() ? 255 : 1);
        ArrayNode mean = o.putArray("mean");
        for (double v : p.mean()) {
            mean.add(v);
        }
        ArrayNode std = o.putArray("std");
        for (double v : p.std()) {
            std.add(v);
        }
        return o;
    }

    static ImagePreprocessing preprocess(JsonNode o) {
        String channels = o.path("channels").asText("as-stored");
        return new ImagePreprocessing(ProjectFields.integer(o, "resize", 0), ProjectFields.bool(o, "exact", false),
                ProjectFields.integer(o, "crop", 0), switch (channels) {
                    case "grey" -> 1;
                    case "rgb", "bgr" -> 3;
                    default -> 0;
                }, channels.equals("bgr"), o.path("layout").asText("nchw").equals("nhwc"),
                ProjectFields.integer(o, "scale", 1) == 255, doubles(o.path("mean"), 0), doubles(o.path("std"), 1));
    }

    private static double[] doubles(JsonNode a, double otherwise) {
        if (!a.isArray() || a.isEmpty()) {
            return new double[] {otherwise};
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static String text(JsonNode node, String field, String file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw DataException.inFile(file, "\"" + field + "\" is missing or empty");
        }
        return v.asText();
    }

    private static String relative(Path dir, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
    }

    private static Path resolve(Path dir, String p) {
        return dir.resolve(p).normalize();
    }
}
