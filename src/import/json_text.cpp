// JSON with exact numbers: a SAX handler for nlohmann-json that builds a JsonValue tree.
#include "import/json_text.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace rateline::urdb {

const JsonValue* JsonValue::find(std::string_view key) const {
  if (kind != Kind::object) return nullptr;
  for (auto& [name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

std::optional<Decimal> JsonValue::decimal() const {
  if (kind != Kind::number && kind != Kind::string) return std::nullopt;
  std::string t;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) t += c == 'E' ? 'e' : c;
  return Decimal::parse(t);
}

namespace {

using json = nlohmann::json;

// The SAX events of nlohmann-json, building the tree. The stack holds the open arrays and
// objects; only the innermost one grows, so pointers to its ancestors stay valid.
class TreeBuilder : public nlohmann::json_sax<json> {
 public:
  JsonValue root;
  std::string error;
  std::size_t error_offset = 0;

  bool null() override { return add(JsonValue{}); }
  bool boolean(bool val) override {
    JsonValue v;
    v.kind = JsonValue::Kind::boolean;
    v.flag = val;
    return add(std::move(v));
  }
  bool number_integer(number_integer_t val) override { return number(std::to_string(val)); }
  bool number_unsigned(number_unsigned_t val) override { return number(std::to_string(val)); }
  // The value is the parser's binary approximation; only the text `s` is used.
  bool number_float(number_float_t, const string_t& s) override { return number(s); }
  bool string(string_t& val) override {
    JsonValue v;
    v.kind = JsonValue::Kind::string;
    v.text = val;
    return add(std::move(v));
  }
  bool binary(binary_t&) override { return add(JsonValue{}); }
  bool start_object(std::size_t) override {
    JsonValue v;
    v.kind = JsonValue::Kind::object;
    return open(std::move(v));
  }
  bool key(string_t& val) override {
    pending_key_ = val;
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    JsonValue v;
    v.kind = JsonValue::Kind::array;
    return open(std::move(v));
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error = ex.what();
    // nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 2: "
    if (auto at = error.find("] "); at != std::string::npos) error = error.substr(at + 2);
    error_offset = position > 0 ? position - 1 : 0;
    return false;
  }

 private:
  bool number(const std::string& s) {
    JsonValue v;
    v.kind = JsonValue::Kind::number;
    v.text = s;
    return add(std::move(v));
  }

  JsonValue* place(JsonValue&& v) {
    if (stack_.empty()) {
      root = std::move(v);
      return &root;
    }
    JsonValue* parent = stack_.back();
    if (parent->kind == JsonValue::Kind::array) {
      parent->items.push_back(std::move(v));
      return &parent->items.back();
    }
    parent->members.emplace_back(std::move(pending_key_), std::move(v));
    pending_key_.clear();
    return &parent->members.back().second;
  }

  bool add(JsonValue&& v) {
    place(std::move(v));
    return true;
  }

  bool open(JsonValue&& v) {
    stack_.push_back(place(std::move(v)));
    return true;
  }

  std::vector<JsonValue*> stack_;
  std::string pending_key_;
};

}  // namespace

JsonParseResult parse_json(std::string_view text) {
  JsonParseResult result;
  TreeBuilder builder;
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &builder);
  } catch (const std::exception& e) {
    builder.error = e.what();
  }
  if (!ok) {
    result.error = builder.error.empty() ? "not valid JSON" : builder.error;
    result.error_offset = builder.error_offset;
    return result;
  }
  result.value = std::move(builder.root);
  return result;
}

}  // namespace rateline::urdb
