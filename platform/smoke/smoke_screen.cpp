#include "smoke_screen.hpp"

#include <array>
#include <cstdio>
#include <initializer_list>

namespace porchlight::smoke {

namespace {

constexpr std::string_view kWelcome = "Bienvenida, María — ¿Cómo está? ñ";
constexpr std::string_view kSubtitle = "Toque su nombre para registrarse · Tap your name to sign in";
constexpr std::string_view kSignIn = "Registrarse / Sign in";
constexpr std::string_view kGuest = "Entrar como invitado";
constexpr std::string_view kFirstVisit = "Primera visita (¡bienvenido!)";
constexpr std::string_view kTextSize = "Tamaño del texto";
constexpr std::string_view kSyncStatus = "Sincronización: 3 registros pendientes…";
constexpr std::string_view kGroups = "Grupos de hoy: Recuperación 10:00 · Café y conversación 14:30";
constexpr std::string_view kCrisis = "¿Necesita ayuda ahora? Llame o escriba al 988";

constexpr std::array<std::string_view, 9> kScreenStrings = {kWelcome,  kSubtitle,   kSignIn, kGuest, kFirstVisit,
                                                            kTextSize, kSyncStatus, kGroups, kCrisis};

constexpr float kButtonWidthInFontSizes = 14.0f;
constexpr float kButtonHeightInFontSizes = 2.5f;

void text(std::string_view utf8) { ImGui::TextUnformatted(utf8.data(), utf8.data() + utf8.size()); }

ImVec2 centre_of_last_item() {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
}

}  // namespace

std::span<const std::string_view> smoke_screen_strings() { return kScreenStrings; }

void draw_smoke_screen(const platform::LoadedFonts& fonts, SmokeScreenState& state) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  ImGui::Begin("smoke", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);

  ImGui::PushFont(fonts.heading);
  text(kWelcome);
  ImGui::PopFont();
  text(kSubtitle);
  ImGui::Separator();

  const ImVec2 button_size(ImGui::GetFontSize() * kButtonWidthInFontSizes,
                           ImGui::GetFontSize() * kButtonHeightInFontSizes);
  if (ImGui::Button(kSignIn.data(), button_size)) ++state.sign_in_taps;
  state.sign_in_hovered = ImGui::IsItemHovered();
  state.sign_in_centre = centre_of_last_item();
  ImGui::SameLine();
  ImGui::Button(kGuest.data(), button_size);
  ImGui::Checkbox(kFirstVisit.data(), &state.first_visit);
  ImGui::SliderFloat(kTextSize.data(), &state.text_size, 1.0f, 2.0f, "%.1f×");
  ImGui::ProgressBar(0.6f, ImVec2(-1.0f, 0.0f), kSyncStatus.data());

  ImGui::PushFont(fonts.bold);
  text(kGroups);
  ImGui::PopFont();
  ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.35f, 1.0f), "%s", kCrisis.data());
  ImGui::Text("Frame %d · %.0f px body text", state.frames_drawn, static_cast<double>(fonts.body_pixel_size));
  ImGui::End();
  ++state.frames_drawn;
}

bool accented_glyphs_present(const platform::LoadedFonts& fonts) {
  constexpr std::array<ImWchar, 5> kAccented = {0x00ED /* í */, 0x00F1 /* ñ */, 0x00BF /* ¿ */, 0x2014 /* — */,
                                                0x00F3 /* ó */};
  for (const ImWchar character : kAccented) {
    for (const ImFont* font : {fonts.body, fonts.bold, fonts.heading}) {
      if (font->FindGlyphNoFallback(character) == nullptr) {
        std::fprintf(stderr, "platform-smoke: glyph U+%04X missing from a font\n", character);
        return false;
      }
    }
  }
  return true;
}

}  // namespace porchlight::smoke
