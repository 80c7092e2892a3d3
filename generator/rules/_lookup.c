/* Finding elements for the business rules: lxml's find() for paths of plain tag names, in C.
 *
 * The rules look up a few hundred children per filing. lxml's find() answers each through its
 * ElementPath machinery (microseconds a call), and indexing every element in Python first costs
 * a Python object per element. These functions walk libxml2's nodes directly and make an lxml
 * element only for what they return, with exactly lxml's answer: the first match in document
 * order (find), or every match in that order (findall); text() and attributes() give only the
 * text of what they find, making no element at all. A tag is "name" (no namespace) or
 * "{uri}name"; a path is tags joined by "/". generator/rules/index.py is the same in pure
 * Python, used where this module could not be compiled; the tests hold the two to lxml's find.
 *
 * Only lxml's public C API is used (lxml.etree_api.h, the element struct of lxml.etree.h and
 * the tree-walking macros of etree_defs.h), so the module needs lxml's headers to build and no
 * libxml2 library to link: the nodes are read, never changed. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include "lxml-version.h"
#include "etree_defs.h"
#include "lxml.etree.h"
#include "lxml.etree_api.h"

static PyTypeObject *ElementType;
static PyObject *CommentTag, *PITag, *EntityTag, *Empty, *StripName;

/* The node of an lxml element, or NULL with an exception set. */
static xmlNode *node_of(PyObject *element) {
    if (!PyObject_TypeCheck(element, ElementType)) {
        PyErr_Format(PyExc_TypeError, "an lxml element is expected, not %.100s", Py_TYPE(element)->tp_name);
        return NULL;
    }
    xmlNode *node = ((struct LxmlElement *)element)->_c_node;
    if (node == NULL) PyErr_SetString(PyExc_ValueError, "invalid lxml element");
    return node;
}

typedef struct { const char *href; Py_ssize_t href_len; const char *name; } Tag;

/* A plain tag name, not a piece of ElementPath syntax ("*", ".", "a[1]", "@id", "//"), which
 * these functions do not interpret: asked for one, they raise instead of answering wrongly. */
static int plain(const char *name, size_t length) {
    if (length == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) return 0;
    return strcspn(name, "*[]()@=/ \t\r\n") >= length;
}

/* A tag "name" or "{href}name"; false (with an exception) for anything else. */
static int read_tag(PyObject *text, Tag *tag) {
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 == NULL) return 0;
    if ((Py_ssize_t)strlen(utf8) != size) {
        PyErr_Format(PyExc_ValueError, "invalid tag %R", text);
        return 0;
    }
    tag->href = NULL; tag->href_len = 0; tag->name = utf8;
    if (utf8[0] == '{') {
        const char *end = strchr(utf8, '}');
        if (end == NULL) { PyErr_Format(PyExc_ValueError, "invalid tag %R", text); return 0; }
        tag->href = utf8 + 1; tag->href_len = end - utf8 - 1; tag->name = end + 1;
    }
    if (!plain(tag->name, strlen(tag->name))) {
        PyErr_Format(PyExc_ValueError, "not a plain tag name: %R", text);
        return 0;
    }
    return 1;
}

static int matches(const xmlNode *node, const Tag *tag) {
    if (node->type != XML_ELEMENT_NODE || strcmp((const char *)node->name, tag->name) != 0) return 0;
    if (tag->href == NULL) return node->ns == NULL || node->ns->href == NULL;
    if (node->ns == NULL || node->ns->href == NULL) return tag->href_len == 0;
    const char *href = (const char *)node->ns->href;
    return (Py_ssize_t)strlen(href) == tag->href_len && memcmp(href, tag->href, tag->href_len) == 0;
}

/* The first child of ``node`` with ``tag`` (entity references are not looked into). */
static xmlNode *first_child(xmlNode *node, const Tag *tag) {
    if (node->type == XML_ENTITY_REF_NODE) return NULL;
    for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (matches(child, tag)) return child;
    return NULL;
}

static PyObject *proxy(PyObject *element, xmlNode *node) {
    if (node == NULL) Py_RETURN_NONE;
    return (PyObject *)elementFactory(((struct LxmlElement *)element)->_doc, node);
}

/* child(parent, tag): parent.find(tag); None for no parent. */
static PyObject *child(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) { PyErr_SetString(PyExc_TypeError, "child(parent, tag)"); return NULL; }
    if (args[0] == Py_None) Py_RETURN_NONE;
    Tag tag;
    xmlNode *node = node_of(args[0]);
    if (node == NULL || !read_tag(args[1], &tag)) return NULL;
    return proxy(args[0], first_child(node, &tag));
}

/* The first ``inner`` child of any ``outer`` child: find("outer/inner"). */
static xmlNode *first_grandchild(xmlNode *node, const Tag *outer, const Tag *inner) {
    if (node->type == XML_ENTITY_REF_NODE) return NULL;
    for (xmlNode *middle = node->children; middle != NULL; middle = middle->next) {
        if (!matches(middle, outer)) continue;
        xmlNode *found = first_child(middle, inner);
        if (found != NULL) return found;
    }
    return NULL;
}

/* child2(parent, tag, inner): parent.find("tag/inner"); None for no parent. */
static PyObject *child2(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) { PyErr_SetString(PyExc_TypeError, "child2(parent, tag, inner)"); return NULL; }
    if (args[0] == Py_None) Py_RETURN_NONE;
    Tag outer, inner;
    xmlNode *node = node_of(args[0]);
    if (node == NULL || !read_tag(args[1], &outer) || !read_tag(args[2], &inner)) return NULL;
    return proxy(args[0], first_grandchild(node, &outer, &inner));
}

#define MAX_STEPS 16

/* Split a path "a/b/c" (a step may be "{href}name") into tags that point into ``buffer``. */
#define MAX_PATH 512
static Py_ssize_t read_path(PyObject *path, char *buffer, Tag *steps) {
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(path, &size);
    if (utf8 == NULL) return -1;
    if ((Py_ssize_t)strlen(utf8) != size) {
        PyErr_Format(PyExc_ValueError, "invalid path %R", path);
        return -1;
    }
    if (size >= MAX_PATH) { PyErr_SetString(PyExc_ValueError, "path too long"); return -1; }
    memcpy(buffer, utf8, size + 1);
    Py_ssize_t count = 0;
    char *step = buffer;
    for (;;) {
        if (count == MAX_STEPS) { PyErr_SetString(PyExc_ValueError, "path too long"); return -1; }
        Tag *tag = &steps[count++];
        tag->href = NULL; tag->href_len = 0;
        if (*step == '{') {
            char *close = strchr(step, '}');
            if (close == NULL) { PyErr_Format(PyExc_ValueError, "invalid path %R", path); return -1; }
            tag->href = step + 1; tag->href_len = close - step - 1;
            step = close + 1;
        }
        tag->name = step;
        char *slash = strchr(step, '/');
        if (slash != NULL) *slash = '\0';
        if (!plain(step, strlen(step))) {
            PyErr_Format(PyExc_ValueError, "not a path of plain tag names: %R", path);
            return -1;
        }
        if (slash == NULL) break;
        step = slash + 1;
    }
    return count;
}

/* Depth first along the steps: the first match in document order, as lxml's find. */
static xmlNode *find_first(xmlNode *node, const Tag *steps, Py_ssize_t count) {
    if (node->type == XML_ENTITY_REF_NODE) return NULL;
    for (xmlNode *c = node->children; c != NULL; c = c->next) {
        if (!matches(c, &steps[0])) continue;
        if (count == 1) return c;
        xmlNode *found = find_first(c, steps + 1, count - 1);
        if (found != NULL) return found;
    }
    return NULL;
}

static int find_all(PyObject *element, xmlNode *node, const Tag *steps, Py_ssize_t count, PyObject *into) {
    if (node->type == XML_ENTITY_REF_NODE) return 0;
    for (xmlNode *c = node->children; c != NULL; c = c->next) {
        if (!matches(c, &steps[0])) continue;
        if (count == 1) {
            PyObject *found = proxy(element, c);
            if (found == NULL || PyList_Append(into, found) < 0) { Py_XDECREF(found); return -1; }
            Py_DECREF(found);
        } else if (find_all(element, c, steps + 1, count - 1, into) < 0) return -1;
    }
    return 0;
}

/* The element and the steps of a find/findall call; -1 with an exception set. */
static Py_ssize_t path_call(PyObject *const *args, Py_ssize_t nargs, const char *usage,
                            xmlNode **node, char *buffer, Tag *steps) {
    if (nargs != 2) { PyErr_SetString(PyExc_TypeError, usage); return -1; }
    *node = node_of(args[0]);
    if (*node == NULL) return -1;
    return read_path(args[1], buffer, steps);
}

/* find(element, path) and findall(element, path): element.find(path), element.findall(path). */
static PyObject *find(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    xmlNode *node; Tag steps[MAX_STEPS]; char buffer[MAX_PATH];
    Py_ssize_t count = path_call(args, nargs, "find(element, path)", &node, buffer, steps);
    return count < 0 ? NULL : proxy(args[0], find_first(node, steps, count));
}

static PyObject *findall(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    xmlNode *node; Tag steps[MAX_STEPS]; char buffer[MAX_PATH];
    Py_ssize_t count = path_call(args, nargs, "findall(element, path)", &node, buffer, steps);
    PyObject *result = count < 0 ? NULL : PyList_New(0);
    if (result != NULL && find_all(args[0], node, steps, count, result) < 0) Py_CLEAR(result);
    return result;
}

/* text(element, path): (element.find(path).text or "").strip(), "" for no element or no
 * match, without an lxml element for what was found (the rules want only the text of most
 * values). The text is lxml's own (textOf), and Python's strip() makes it exactly ``.strip()``. */
static PyObject *text(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) { PyErr_SetString(PyExc_TypeError, "text(element, path)"); return NULL; }
    if (args[0] == Py_None) { Py_INCREF(Empty); return Empty; }
    xmlNode *node; Tag steps[MAX_STEPS]; char buffer[MAX_PATH];
    Py_ssize_t count = path_call(args, nargs, "text(element, path)", &node, buffer, steps);
    if (count < 0) return NULL;
    xmlNode *found = find_first(node, steps, count);
    PyObject *raw = found == NULL ? NULL : textOf(found);
    if (found != NULL && raw == NULL) return NULL;
    if (raw == NULL || raw == Py_None) {
        Py_XDECREF(raw);
        Py_INCREF(Empty);
        return Empty;
    }
    PyObject *stripped = PyObject_CallMethodNoArgs(raw, StripName);
    Py_DECREF(raw);
    return stripped;
}

/* attributes(root, tag, name[, by_parent]): [e.get(name) for e in root.iter(tag)], without an
 * lxml element for each (the footnote rules read the id of every footnote reference). With
 * by_parent true, each value comes as (parent, value), the parent as a number that tells
 * elements apart while the document lives (to find a value cited twice by one element). */
static PyObject *attributes(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 && nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "attributes(root, tag, name[, by_parent])");
        return NULL;
    }
    int by_parent = nargs == 4 ? PyObject_IsTrue(args[3]) : 0;
    if (by_parent < 0) return NULL;
    Tag tag, name;
    xmlNode *top = node_of(args[0]);
    if (top == NULL || !read_tag(args[1], &tag) || !read_tag(args[2], &name)) return NULL;
    char href[MAX_PATH];  /* the attribute's namespace, if any, as a C string */
    if (name.href != NULL) {
        if (name.href_len >= MAX_PATH) { PyErr_SetString(PyExc_ValueError, "name too long"); return NULL; }
        memcpy(href, name.href, name.href_len);
        href[name.href_len] = '\0';
    }
    PyObject *found = PyList_New(0);
    if (found == NULL) return NULL;
    xmlNode *node = top;
    BEGIN_FOR_EACH_ELEMENT_FROM(top, node, 1)
    {
        if (matches(node, &tag)) {
            PyObject *value = attributeValueFromNsName(
                node, name.href ? (const xmlChar *)href : NULL, (const xmlChar *)name.name);
            if (value != NULL && by_parent) {
                PyObject *parent = PyLong_FromVoidPtr(node->parent);
                PyObject *pair = parent == NULL ? NULL : PyTuple_Pack(2, parent, value);
                Py_XDECREF(parent);
                Py_SETREF(value, pair);
            }
            if (value == NULL || PyList_Append(found, value) < 0) {
                Py_XDECREF(value);
                Py_DECREF(found);
                return NULL;
            }
            Py_DECREF(value);
        }
    }
    END_FOR_EACH_ELEMENT_FROM(node)
    return found;
}

/* Tag strings, kept for the life of the process: a filing has some sixty distinct tags, and
 * thousands of filings share them. A slot is found by the (name, namespace) pointers of a node
 * (libxml2 keeps one copy of each name per dictionary) and trusted only when its own copy of
 * the text matches, since a pointer may be reused once a document is freed. */
typedef struct {
    const xmlChar *name, *href;  /* the pointers the slot was found by */
    char *name_copy, *href_copy; /* their text when the slot was filled */
    PyObject *tag;               /* "name" or "{href}name", interned */
    unsigned long seen;          /* the last tags() call that put it in its set */
} TagSlot;
#define SLOTS 1024
#define PROBES 16
static TagSlot slots[SLOTS];
static unsigned long calls;

static PyObject *new_tag(const xmlNode *node, const xmlChar *href) {
    PyObject *tag = href ? PyUnicode_FromFormat("{%s}%s", href, node->name)
                         : PyUnicode_FromString((const char *)node->name);
    if (tag != NULL) PyUnicode_InternInPlace(&tag);
    return tag;
}

static int same_text(const char *copy, const xmlChar *text) {
    if (copy == NULL || text == NULL) return copy == NULL && text == NULL;
    return strcmp(copy, (const char *)text) == 0;
}

static void empty(TagSlot *slot) {
    free(slot->name_copy);
    free(slot->href_copy);
    Py_CLEAR(slot->tag);
    memset(slot, 0, sizeof *slot);
}

/* The slot of a node's tag, filled if need be; NULL when the table is too crowded there (the
 * caller makes the string itself) or, with an exception set, when memory ran out. */
#define MAX_CACHED 128  /* longer names (none in the schemas) are not kept: a hostile file's
                          * names must not fill memory for the rest of a batch */

static TagSlot *slot_of(const xmlNode *node, int *failed) {
    const xmlChar *href = node->ns ? node->ns->href : NULL;
    if (strlen((const char *)node->name) > MAX_CACHED
            || (href != NULL && strlen((const char *)href) > MAX_CACHED))
        return NULL;
    size_t start = (((size_t)node->name) >> 4) ^ (((size_t)href) >> 6);
    for (size_t i = 0; i < PROBES; i++) {
        TagSlot *slot = &slots[(start + i) & (SLOTS - 1)];
        if (slot->tag != NULL && (slot->name != node->name || slot->href != href)) continue;
        if (slot->tag != NULL && same_text(slot->name_copy, node->name)
                && same_text(slot->href_copy, href))
            return slot;
        empty(slot);  /* free, or found by pointers that now point at other text */
        slot->name_copy = strdup((const char *)node->name);
        slot->href_copy = href ? strdup((const char *)href) : NULL;
        slot->tag = new_tag(node, href);
        if (slot->name_copy == NULL || (href && slot->href_copy == NULL) || slot->tag == NULL) {
            empty(slot);
            if (!PyErr_Occurred()) PyErr_NoMemory();
            *failed = 1;
            return NULL;
        }
        slot->name = node->name;
        slot->href = href;
        return slot;
    }
    return NULL;
}

/* tags(*roots): every tag below and including each root, as root.iter() yields them (comments,
 * processing instructions and entities as lxml's Comment, ProcessingInstruction and Entity). */
static PyObject *tags(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *found = PySet_New(NULL);
    if (found == NULL) return NULL;
    unsigned long call = ++calls;
    int failed = 0;
    for (Py_ssize_t r = 0; r < nargs && !failed; r++) {
        xmlNode *top = node_of(args[r]);
        if (top == NULL) { failed = 1; break; }
        xmlNode *node = top;
        BEGIN_FOR_EACH_ELEMENT_FROM(top, node, 1)
        {
            PyObject *tag = NULL;
            if (node->type == XML_ELEMENT_NODE) {
                TagSlot *slot = slot_of(node, &failed);
                if (slot != NULL) {
                    if (slot->seen != call) {  /* once per call: the set need not be asked */
                        slot->seen = call;
                        failed = PySet_Add(found, slot->tag) < 0;
                    }
                } else if (!failed) {
                    tag = new_tag(node, node->ns ? node->ns->href : NULL);
                    failed = tag == NULL;
                }
            } else {
                tag = node->type == XML_COMMENT_NODE ? CommentTag
                      : node->type == XML_PI_NODE    ? PITag
                                                     : EntityTag;
                Py_INCREF(tag);
            }
            if (tag != NULL) {
                failed = PySet_Add(found, tag) < 0;
                Py_DECREF(tag);
            }
            if (failed) break;
        }
        END_FOR_EACH_ELEMENT_FROM(node)
    }
    if (failed) { Py_DECREF(found); return NULL; }
    return found;
}

static PyMethodDef methods[] = {
    {"child", (PyCFunction)(void (*)(void))child, METH_FASTCALL, NULL},
    {"child2", (PyCFunction)(void (*)(void))child2, METH_FASTCALL, NULL},
    {"find", (PyCFunction)(void (*)(void))find, METH_FASTCALL, NULL},
    {"findall", (PyCFunction)(void (*)(void))findall, METH_FASTCALL, NULL},
    {"text", (PyCFunction)(void (*)(void))text, METH_FASTCALL, NULL},
    {"attributes", (PyCFunction)(void (*)(void))attributes, METH_FASTCALL, NULL},
    {"tags", (PyCFunction)(void (*)(void))tags, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}
};
static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_lookup", "lxml's find() for plain tag paths, in C (see _lookup.c).", -1, methods
};

PyMODINIT_FUNC PyInit__lookup(void) {
    if (import_lxml__etree() < 0) return NULL;
    PyObject *etree = PyImport_ImportModule("lxml.etree");
    if (etree == NULL) return NULL;
    ElementType = (PyTypeObject *)PyObject_GetAttrString(etree, "_Element");
    CommentTag = PyObject_GetAttrString(etree, "Comment");
    PITag = PyObject_GetAttrString(etree, "ProcessingInstruction");
    EntityTag = PyObject_GetAttrString(etree, "Entity");
    Py_DECREF(etree);
    Empty = PyUnicode_FromString("");
    StripName = PyUnicode_InternFromString("strip");
    if (!ElementType || !CommentTag || !PITag || !EntityTag || !Empty || !StripName) return NULL;
    return PyModule_Create(&module);
}
