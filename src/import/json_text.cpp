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
  bool too_deep = false;
  bool long_number = false;

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
    // the message quotes the offending token, which may be megabytes long
    if (error.size() > 200) error = error.substr(0, 120) + "..." + error.substr(error.size() - 60);
    error_offset = position > 0 ? position - 1 : 0;
    return false;
  }

 private:
  bool number(const std::string& s) {
    if (s.size() > kMaxJsonNumberChars) {   // Decimal arithmetic on megabyte numbers would not end
      long_number = true;
      error = "a number longer than " + std::to_string(kMaxJsonNumberChars) + " characters";
      return false;
    }
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
    parent->members.push_back(JsonMember{std::move(pending_key_), std::move(v)});
    pending_key_.clear();
    return &parent->members.back().second;
  }

  bool add(JsonValue&& v) {
    place(std::move(v));
    return true;
  }

  bool open(JsonValue&& v) {
    if (stack_.size() >= kMaxJsonDepth) {
      too_deep = true;
      error = "arrays and objects nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
      return false;   // sax_parse stops here; error_offset is set by the caller
    }
    stack_.push_back(place(std::move(v)));
    return true;
  }

  std::vector<JsonValue*> stack_;
  std::string pending_key_;
};

// Where the first array or object beyond kMaxJsonDepth opens (strings skipped).
std::size_t too_deep_offset(std::string_view text) {
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return 0;
}

// Where the first number longer than kMaxJsonNumberChars starts (strings skipped).
std::size_t long_number_offset(std::string_view text) {
  auto in_number = [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
      continue;
    }
    if (!in_number(text[i])) continue;
    std::size_t j = i;
    while (j < text.size() && in_number(text[j])) ++j;
    if (j - i > kMaxJsonNumberChars) return i;
    i = j - 1;
  }
  return 0;
}

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
    result.error_offset = builder.too_deep ? too_deep_offset(text) : builder.error_offset;
    result.too_deep = builder.too_deep;
    if (builder.long_number) {
      result.long_number = true;
      result.error_offset = long_number_offset(text);
    }
    return result;
  }
  result.value = std::move(builder.root);
  return result;
}

}  // namespace rateline::urdb
