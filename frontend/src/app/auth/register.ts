import { HttpClient } from '@angular/common/http';
import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { switchMap } from 'rxjs';

import { AuthService } from '../core/auth-service';
import { FeaturesService } from '../core/features-service';
import { problemMessage } from '../core/problem';

@Component({
  selector: 'app-register',
  imports: [FormsModule],
  templateUrl: './register.html',
})
export class Register {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly features = inject(FeaturesService).switchedOn;

  protected username = '';
  protected password = '';
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected submit(): void {
    this.busy.set(true);
    this.error.set(null);
    this.http
      .post('/auth/register', { username: this.username, password: this.password })
      .pipe(switchMap(() => this.auth.login(this.username, this.password)))
      .subscribe({
        next: () => void this.router.navigateByUrl('/my-data'),
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(problemMessage(error));
        },
      });
  }
}
