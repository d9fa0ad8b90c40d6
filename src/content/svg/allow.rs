//! The allow-lists of the SVG check: drawing elements of SVG 1.1 and SVG 2 (and the
//! flowed-text and mesh elements Inkscape writes), their presentation and geometry
//! attributes, and the namespaces of editor metadata, which browsers keep as inert
//! elements and attributes. Everything that runs script (`script`, `handler`, `on…`),
//! embeds another document (`foreignObject`, XHTML, MathML), loads a font or cursor
//! (`font-face-uri`, `cursor`) or changes how links resolve (`xml:base`) is absent.

pub const SVG: &str = "http://www.w3.org/2000/svg";
pub const XLINK: &str = "http://www.w3.org/1999/xlink";
pub const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespaces of drawing programs' metadata (Inkscape, Sodipodi, RDF, Dublin Core,
/// Creative Commons, Affinity, Sketch): browsers neither render nor run them.
pub const METADATA: &[&str] = &[
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://purl.org/dc/terms/",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://www.serif.com/",
    "http://www.bohemiancoding.com/sketch/ns",
];

/// Elements of the SVG namespace that draw, group, describe or animate.
pub const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "desc",
    "title",
    "metadata",
    "symbol",
    "use",
    "switch",
    "view",
    "a",
    "image",
    "style",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "clipPath",
    "mask",
    "marker",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
    "animate",
    "animateMotion",
    "animateTransform",
    "set",
    "mpath",
    "flowRoot",
    "flowRegion",
    "flowRegionExclude",
    "flowPara",
    "flowSpan",
    "flowDiv",
    "solidcolor",
    "hatch",
    "hatchpath",
    "meshgradient",
    "meshrow",
    "meshpatch",
];

/// Elements whose `href` may name a raster image of the same site or a `data:` raster
/// image; every other `href` must point inside the drawing (`#id`).
pub const IMAGE_ELEMENTS: &[&str] = &["image", "feImage"];

/// Animation elements: what they animate (`attributeName`) and the values they set
/// (`from`, `to`, `by`, `values`) are checked too.
pub const ANIMATIONS: &[&str] = &["animate", "animateMotion", "animateTransform", "set"];

/// Presentation attributes (CSS properties written as attributes): their values are
/// checked as CSS, since `fill="url(…)"` or `cursor="url(…)"` can load files.
pub const PRESENTATION: &[&str] = &[
    "alignment-baseline",
    "baseline-shift",
    "clip",
    "clip-path",
    "clip-rule",
    "color",
    "color-interpolation",
    "color-interpolation-filters",
    "color-rendering",
    "cursor",
    "direction",
    "display",
    "dominant-baseline",
    "enable-background",
    "fill",
    "fill-opacity",
    "fill-rule",
    "filter",
    "flood-color",
    "flood-opacity",
    "font",
    "font-family",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "glyph-orientation-horizontal",
    "glyph-orientation-vertical",
    "image-rendering",
    "isolation",
    "kerning",
    "letter-spacing",
    "lighting-color",
    "line-height",
    "marker",
    "marker-end",
    "marker-mid",
    "marker-start",
    "mask",
    "mask-type",
    "mix-blend-mode",
    "opacity",
    "overflow",
    "paint-order",
    "pointer-events",
    "shape-rendering",
    "solid-color",
    "solid-opacity",
    "stop-color",
    "stop-opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
    "text-decoration",
    "text-rendering",
    "transform",
    "transform-box",
    "transform-origin",
    "unicode-bidi",
    "vector-effect",
    "visibility",
    "white-space",
    "word-spacing",
    "writing-mode",
];

/// Other attributes of drawing elements: geometry, coordinate systems, filter and
/// gradient parameters, timing, text layout, identity and accessibility. None of them
/// names a URL or runs anything.
pub const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "lang",
    "tabindex",
    "role",
    "focusable",
    "version",
    "baseProfile",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "fr",
    "d",
    "points",
    "pathLength",
    "viewBox",
    "preserveAspectRatio",
    "zoomAndPan",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "offset",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "clipPathUnits",
    "maskUnits",
    "maskContentUnits",
    "markerUnits",
    "markerWidth",
    "markerHeight",
    "refX",
    "refY",
    "orient",
    "dx",
    "dy",
    "rotate",
    "textLength",
    "lengthAdjust",
    "startOffset",
    "method",
    "spacing",
    "side",
    "path",
    "filterUnits",
    "primitiveUnits",
    "filterRes",
    "in",
    "in2",
    "result",
    "stdDeviation",
    "mode",
    "type",
    "values",
    "tableValues",
    "slope",
    "intercept",
    "amplitude",
    "exponent",
    "k1",
    "k2",
    "k3",
    "k4",
    "operator",
    "radius",
    "scale",
    "xChannelSelector",
    "yChannelSelector",
    "azimuth",
    "elevation",
    "specularConstant",
    "specularExponent",
    "surfaceScale",
    "diffuseConstant",
    "kernelMatrix",
    "kernelUnitLength",
    "order",
    "divisor",
    "bias",
    "targetX",
    "targetY",
    "edgeMode",
    "preserveAlpha",
    "baseFrequency",
    "numOctaves",
    "seed",
    "stitchTiles",
    "pointsAtX",
    "pointsAtY",
    "pointsAtZ",
    "z",
    "limitingConeAngle",
    "requiredFeatures",
    "requiredExtensions",
    "systemLanguage",
    "externalResourcesRequired",
    "media",
    "style",
    "href",
    // Animation timing and values (attributeName and the values are checked apart).
    "attributeName",
    "attributeType",
    "begin",
    "dur",
    "end",
    "min",
    "max",
    "restart",
    "repeatCount",
    "repeatDur",
    "calcMode",
    "keyTimes",
    "keySplines",
    "from",
    "to",
    "by",
    "additive",
    "accumulate",
    "keyPoints",
    "origin",
    // Inkscape's flowed text and mesh gradients.
    "inline-size",
    "shape-inside",
    "shape-padding",
];

/// Attributes in the XLink and XML namespaces that may appear (`xlink:href` is checked
/// like `href`; `xml:base` is absent on purpose).
pub const XLINK_ATTRIBUTES: &[&str] = &["href", "title", "type", "role", "arcrole"];
pub const XML_ATTRIBUTES: &[&str] = &["space", "lang"];

/// Whether `name` (no namespace) may appear on an SVG element.
pub fn attribute(name: &str) -> bool {
    ATTRIBUTES.contains(&name)
        || PRESENTATION.contains(&name)
        || name.starts_with("aria-")
        || (name.starts_with("data-") && name.len() > 5)
}

/// Whether an animation may change the attribute `name`: presentation and geometry
/// attributes, never a link, a style, an event handler or the animation itself.
pub fn animatable(name: &str) -> bool {
    (PRESENTATION.contains(&name) || ATTRIBUTES.contains(&name))
        && !matches!(
            name,
            "href"
                | "style"
                | "attributeName"
                | "type"
                | "begin"
                | "end"
                | "values"
                | "from"
                | "to"
                | "by"
                | "media"
                | "requiredExtensions"
                | "systemLanguage"
        )
}
