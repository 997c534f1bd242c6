import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { CoalitionScope } from "./components/CoalitionScope";
import { CommuneScope } from "./components/CommuneScope";
import { AppLayout, PublicLayout } from "./components/Layouts";
import { RequireSession } from "./components/RequireSession";
import { appCodeOf } from "./lib/api-errors";
import { AccountTRPCProvider, createApiClient } from "./lib/trpc";
import { AssessmentPage } from "./pages/assessments/AssessmentPage";
import { AssessmentsPage } from "./pages/assessments/AssessmentsPage";
import { AccountPage } from "./pages/account/AccountPage";
import { ApiKeysPage } from "./pages/api-keys/ApiKeysPage";
import { AuditPage } from "./pages/audit/AuditPage";
import { CatalogPage } from "./pages/catalog/CatalogPage";
import { CoalitionCommunesPage } from "./pages/coalition/CoalitionCommunesPage";
import { CoalitionOverviewPage } from "./pages/coalition/CoalitionOverviewPage";
import { CommuneProfilePage } from "./pages/coalition/CommuneProfilePage";
import { IndicatorTrendsPage } from "./pages/coalition/IndicatorTrendsPage";
import { PeerGroupsPage } from "./pages/coalition/PeerGroupsPage";
import { ReviewPage } from "./pages/coalition/ReviewPage";
import { ReviewQueuePage } from "./pages/coalition/ReviewQueuePage";
import { ComparisonPage } from "./pages/comparison/ComparisonPage";
import { EditorPage } from "./pages/editor/EditorPage";
import { HomePage } from "./pages/HomePage";
import { IndicatorsPage } from "./pages/indicators/IndicatorsPage";
import { InvitationPage } from "./pages/invitation/InvitationPage";
import { MembersPage } from "./pages/members/MembersPage";
import { ModulePage } from "./pages/modules/ModulePage";
import { ModulesCatalogPage } from "./pages/modules/ModulesCatalogPage";
import { MyModulesPage } from "./pages/modules/MyModulesPage";
import { ModuleEditPage } from "./pages/modules/provider/ModuleEditPage";
import { NewModulePage } from "./pages/modules/provider/NewModulePage";
import { MyUseCasesPage } from "./pages/my-use-cases/MyUseCasesPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { NotificationsPage } from "./pages/notifications/NotificationsPage";
import { RoadmapPage } from "./pages/roadmap/RoadmapPage";
import { PlatformCoalitionPage } from "./pages/platform/PlatformCoalitionPage";
import { PlatformCoalitionsPage } from "./pages/platform/PlatformCoalitionsPage";
import { PaymentResultPage } from "./pages/payment/PaymentResultPage";
import { ForgotPasswordPage } from "./pages/recovery/ForgotPasswordPage";
import { ResetPasswordPage } from "./pages/recovery/ResetPasswordPage";
import { PurchaseOrdersPage } from "./pages/platform/PurchaseOrdersPage";
import { RequirePlatformAdmin } from "./pages/platform/RequirePlatformAdmin";
import { SettingsPage } from "./pages/settings/SettingsPage";
import { SubscriptionsPage } from "./pages/subscriptions/SubscriptionsPage";
import { SignInPage } from "./pages/SignInPage";
import { UseCasePage } from "./pages/use-case/UseCasePage";

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // An answer from our API (forbidden, not found, invalid) will not change by asking again;
        // only failures to reach the server are retried.
        retry: (failures, error) => !appCodeOf(error) && failures < 2,
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() => createApiClient());
  return (
    <QueryClientProvider client={queryClient}>
      <AccountTRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route element={<PublicLayout />}>
              <Route path="ingresar" element={<SignInPage />} />
              <Route path="invitacion/:token" element={<InvitationPage />} />
              <Route path="recuperar" element={<ForgotPasswordPage />} />
              <Route path="recuperar/:token" element={<ResetPasswordPage />} />
            </Route>
            <Route element={<RequireSession />}>
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route path="modulos/pago" element={<PaymentResultPage />} />
                <Route path="cuenta" element={<AccountPage />} />
                <Route path="c/:cut" element={<CommuneScope />}>
                  <Route index element={<Navigate to="miembros" replace />} />
                  <Route path="miembros" element={<MembersPage />} />
                  <Route path="configuracion" element={<SettingsPage />} />
                  <Route path="auditoria" element={<AuditPage />} />
                  <Route path="catalogo" element={<CatalogPage />} />
                  <Route path="casos" element={<MyUseCasesPage />} />
                  <Route path="casos/nuevo" element={<EditorPage />} />
                  <Route path="casos/:id" element={<UseCasePage />} />
                  <Route path="casos/:id/editar" element={<EditorPage />} />
                  <Route path="notificaciones" element={<NotificationsPage />} />
                  <Route path="autoevaluaciones" element={<AssessmentsPage />} />
                  <Route path="autoevaluaciones/:id" element={<AssessmentPage />} />
                  <Route path="progreso" element={<ComparisonPage />} />
                  <Route path="indicadores" element={<IndicatorsPage />} />
                  <Route path="hoja-de-ruta" element={<RoadmapPage />} />
                  <Route path="modulos" element={<ModulesCatalogPage />} />
                  <Route path="modulos/:slug" element={<ModulePage />} />
                  <Route path="suscripciones" element={<SubscriptionsPage />} />
                  <Route path="claves-api" element={<ApiKeysPage />} />
                  <Route path="mis-modulos" element={<MyModulesPage />} />
                  <Route path="mis-modulos/nuevo" element={<NewModulePage />} />
                  <Route path="mis-modulos/:moduleId" element={<ModuleEditPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                <Route path="coaliciones/:slug" element={<CoalitionScope />}>
                  <Route index element={<CoalitionOverviewPage />} />
                  <Route path="revisiones" element={<ReviewQueuePage />} />
                  <Route path="revisiones/:assessmentId" element={<ReviewPage />} />
                  <Route path="comunas" element={<CoalitionCommunesPage />} />
                  <Route path="comunas/:communeId" element={<CommuneProfilePage />} />
                  <Route path="indicadores" element={<IndicatorTrendsPage />} />
                  <Route path="grupos" element={<PeerGroupsPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                <Route path="plataforma" element={<RequirePlatformAdmin />}>
                  <Route path="coaliciones" element={<PlatformCoalitionsPage />} />
                  <Route path="coaliciones/:coalitionId" element={<PlatformCoalitionPage />} />
                  <Route path="ordenes-de-compra" element={<PurchaseOrdersPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </BrowserRouter>
      </AccountTRPCProvider>
    </QueryClientProvider>
  );
}
