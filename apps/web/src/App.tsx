import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { CommuneScope } from "./components/CommuneScope";
import { AppLayout, PublicLayout } from "./components/Layouts";
import { RequireSession } from "./components/RequireSession";
import { appCodeOf } from "./lib/api-errors";
import { AccountTRPCProvider, createApiClient } from "./lib/trpc";
import { AuditPage } from "./pages/audit/AuditPage";
import { CatalogPage } from "./pages/catalog/CatalogPage";
import { EditorPage } from "./pages/editor/EditorPage";
import { HomePage } from "./pages/HomePage";
import { InvitationPage } from "./pages/invitation/InvitationPage";
import { MembersPage } from "./pages/members/MembersPage";
import { MyUseCasesPage } from "./pages/my-use-cases/MyUseCasesPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { NotificationsPage } from "./pages/notifications/NotificationsPage";
import { SettingsPage } from "./pages/settings/SettingsPage";
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
            </Route>
            <Route element={<RequireSession />}>
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
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
